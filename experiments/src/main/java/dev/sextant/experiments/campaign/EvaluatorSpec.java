package dev.sextant.experiments.campaign;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How trials are evaluated: either {@code builtin} (a test function name of {@code sextant bench}, or
 * {@code steering} / {@code steering3} / {@code steering4} for the steering workload in 2 to 4 dimensions) or
 * {@code command} (an argument template; see {@link CommandEvaluator}). {@code timeout} per trial (null: the
 * {@link #DEFAULT_TIMEOUT}, printed at the start of a campaign),
 * {@code resultFile} a file template the command writes its result JSON to (null: last line of stdout),
 * {@code env} extra environment variables, {@code workdir} the working directory (null: the campaign file's folder),
 * {@code options} builtin options (e.g. {@code samples}, {@code noise}).
 */
public record EvaluatorSpec(String builtin, List<String> command, Duration timeout, String resultFile,
                            Map<String, String> env, String workdir, Map<String, Object> options) {
    /** The per-trial timeout of a command evaluator whose campaign sets none: a hung command cannot block for ever. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);

    public EvaluatorSpec {
        if ((builtin == null) == (command == null)) {
            throw new IllegalArgumentException("the evaluator needs exactly one of 'builtin' and 'command'");
        }
        command = command == null ? null : List.copyOf(command);
        env = env == null ? Map.of() : Map.copyOf(env);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public static EvaluatorSpec builtin(String name) {
        return new EvaluatorSpec(name, null, null, null, null, null, null);
    }
}
