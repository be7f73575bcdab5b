package dev.sextant.experiments.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.core.study.StudySpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a user command per trial. The argument template's {@code {name}} placeholders are replaced by parameter values
 * (also {@code {trial_number}}, the trial's number in its study, with {@code {trial_id}} as an older name for it,
 * {@code {seed}}, {@code {result_file}}); the parameters are written as a JSON object to the
 * command's standard input and set as environment variables {@code SEXTANT_PARAM_<NAME>} (upper case, non
 * alphanumerics as '_'), with {@code SEXTANT_PARAMS} (the JSON), {@code SEXTANT_TRIAL_NUMBER} (and {@code SEXTANT_TRIAL_ID}, the same),
 * {@code SEXTANT_SEED} and
 * {@code SEXTANT_RESULT_FILE}. The result is a JSON object {@code {"metric": value}} or {@code {"metric": [mean, sem]}}
 * (or {@code {"metric": {"mean": m, "sem": s}}}) read from the result file when the command wrote one, else from the
 * last non-empty line of standard output. A non-zero exit, a timeout (the process tree is killed), unparsable output
 * or a missing metric makes the trial FAILED with the reason and the tail of standard error. Without a timeout in the
 * campaign, {@link EvaluatorSpec#DEFAULT_TIMEOUT} applies.
 *
 * <p>No orphans: on Unix the command runs under a small {@code /bin/sh} watchdog, started through {@code setsid} when
 * that exists so that the watchdog and everything the command starts form their own process group. Stopping a trial
 * (timeout, {@link #cancelAll}) kills the whole group. The watchdog checks once a second that this JVM is alive
 * ({@code SEXTANT_RUNNER_PID}) and kills the group when it is gone, so the command dies within about a second of a
 * SIGKILLed runner as well; and the group's leader is reported through {@link #onProcessGroup} (the campaign runner
 * records it with the trial, so the next run kills a group that outlived both the runner and the watchdog, see
 * {@link ProcessGroups}). Without {@code /bin/sh} (Windows) the command is started directly and its process tree
 * killed.
 */
final class CommandEvaluator implements Evaluator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][\\w.-]*)\\}");
    private static final int TAIL = 2000;

    private final EvaluatorSpec spec;
    private final StudySpec study;
    private final Path baseDir;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile java.util.function.BiConsumer<Long, ProcessHandle> groupListener;

    /** Runs "$@" with the original standard input; kills the process group when the runner JVM dies. */
    static final String WATCHDOG = String.join("\n",
            "exec 3<&0",
            "\"$@\" <&3 3<&- &",
            "child=$!",
            "exec 3<&-",
            "( while kill -0 \"$SEXTANT_RUNNER_PID\" 2>/dev/null && kill -0 \"$child\" 2>/dev/null; do sleep 1; done",
            "  if kill -0 \"$child\" 2>/dev/null; then kill -KILL -$$ 2>/dev/null || kill -KILL \"$child\"; fi"
                    + " ) </dev/null >/dev/null 2>&1 &",
            "watch=$!",
            "wait \"$child\"",
            "code=$?",
            "kill \"$watch\" 2>/dev/null",
            "exit $code");
    private static final boolean SHELL = java.nio.file.Files.isExecutable(Path.of("/bin/sh"));
    private static final String SETSID = SHELL ? findSetsid() : null;

    private static String findSetsid() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            if (java.nio.file.Files.isExecutable(Path.of(dir, "setsid"))) {
                return Path.of(dir, "setsid").toString();
            }
        }
        return null;
    }

    /** Whether the watchdog's shell will find {@code program} (a path, or a name looked up on {@code path}). */
    static boolean startable(String program, String path, Path dir) {
        if (program.contains("/")) {
            Path p = Path.of(program);
            return java.nio.file.Files.isExecutable(p.isAbsolute() ? p : dir.resolve(p));
        }
        for (String d : (path == null ? "" : path).split(":")) {
            if (!d.isEmpty() && java.nio.file.Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    /** The command line to start: argv under the watchdog (and setsid) where available, else argv itself. */
    static List<String> wrapped(List<String> argv) {
        if (!SHELL) {
            return argv;
        }
        List<String> out = new ArrayList<>();
        if (SETSID != null) {
            out.add(SETSID);
        }
        out.addAll(List.of("/bin/sh", "-c", WATCHDOG, "sextant-evaluator"));
        out.addAll(argv);
        return out;
    }

    CommandEvaluator(EvaluatorSpec spec, StudySpec study, Path baseDir) {
        this.spec = spec;
        this.study = study;
        this.baseDir = baseDir;
    }

    @Override
    public Evaluation evaluate(Map<String, Object> parameters, long trialId, long seed) {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("sextant-trial-" + trialId + "-");
            Path resultFile = spec.resultFile() == null ? tmp.resolve("result.json")
                    : resolve(substitute(spec.resultFile(), parameters, trialId, seed, tmp.resolve("result.json")));
            Files.deleteIfExists(resultFile);
            List<String> argv = new ArrayList<>();
            for (String a : spec.command()) {
                argv.add(substitute(a, parameters, trialId, seed, resultFile));
            }
            String json = JSON.writeValueAsString(parameters);
            ProcessBuilder pb = new ProcessBuilder(wrapped(argv));
            pb.directory(spec.workdir() == null ? baseDir.toFile() : resolve(spec.workdir()).toFile());
            Map<String, String> env = pb.environment();
            env.putAll(spec.env());
            for (Map.Entry<String, Object> e : parameters.entrySet()) {
                env.put("SEXTANT_PARAM_" + e.getKey().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), text(e.getValue()));
            }
            env.put("SEXTANT_PARAMS", json);
            env.put("SEXTANT_TRIAL_NUMBER", Long.toString(trialId));
            env.put("SEXTANT_TRIAL_ID", Long.toString(trialId));
            env.put("SEXTANT_SEED", Long.toString(seed));
            env.put("SEXTANT_RESULT_FILE", resultFile.toString());
            env.put("SEXTANT_RUNNER_PID", Long.toString(ProcessHandle.current().pid()));
            Path out = tmp.resolve("stdout");
            Path err = tmp.resolve("stderr");
            pb.redirectOutput(out.toFile());
            pb.redirectError(err.toFile());
            if (SHELL && !startable(argv.get(0), env.get("PATH"), pb.directory().toPath())) {
                return Evaluation.failed("cannot start " + argv.get(0) + ": no such executable file"
                        + (argv.get(0).contains("/") ? "" : " on the PATH"));
            }
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return Evaluation.failed("cannot start " + argv.get(0) + ": " + e.getMessage());
            }
            running.add(p);
            java.util.function.BiConsumer<Long, ProcessHandle> listener = groupListener;
            if (SETSID != null && listener != null) {
                try {
                    listener.accept(trialId, p.toHandle());
                } catch (RuntimeException e) {
                    // recording is a safety net for a later run; the evaluation goes on without it
                }
            }
            try {
                try (var stdin = p.getOutputStream()) {
                    stdin.write((json + "\n").getBytes(StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the command does not read its input
                }
                Duration timeout = spec.timeout() == null ? EvaluatorSpec.DEFAULT_TIMEOUT : spec.timeout();
                boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    kill(p);
                    return Evaluation.failed("timed out after " + Durations.format(timeout) + tail(err));
                }
            } finally {
                running.remove(p);
            }
            int code = p.exitValue();
            if (code != 0) {
                return Evaluation.failed("exit code " + code + tail(err));
            }
            String result = null;
            if (Files.isRegularFile(resultFile) && Files.size(resultFile) > 0) {
                result = Files.readString(resultFile, StandardCharsets.UTF_8).trim();
            } else {
                result = lastLine(out);
            }
            if (result == null || result.isEmpty()) {
                return Evaluation.failed("no result: the command printed nothing and wrote no result file" + tail(err));
            }
            return parseResult(result, err);
        } catch (IOException e) {
            return Evaluation.failed("I/O error running the command: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Evaluation.failed("interrupted");
        } finally {
            deleteQuietly(tmp);
        }
    }

    @Override
    public void onProcessGroup(java.util.function.BiConsumer<Long, ProcessHandle> started) {
        groupListener = started;
    }

    @Override
    public void cancelAll() {
        for (Process p : running) {
            kill(p);
        }
    }

    /** Kills the command's process group (when it has its own) and its process tree. */
    private static void kill(Process p) {
        if (SETSID != null && p.isAlive()) {
            try {
                new ProcessBuilder("kill", "-KILL", "--", "-" + p.pid()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                // fall back to the process tree below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Evaluation parseResult(String text, Path err) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            return Evaluation.failed("unparsable result (expected a JSON object on the last line of standard output): '"
                    + abbreviate(text) + "'" + tail(err));
        }
        if (node == null || !node.isObject()) {
            return Evaluation.failed("unparsable result (expected a JSON object like {\"loss\": 0.12}): '" + abbreviate(text)
                    + "'" + tail(err));
        }
        Map<String, double[]> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!study.metrics().contains(e.getKey())) {
                continue;   // extra outputs are allowed and ignored
            }
            double[] v = metric(e.getValue());
            if (v == null) {
                return Evaluation.failed("metric '" + e.getKey() + "' is not a finite number, [mean, sem] or {mean, sem}: "
                        + abbreviate(e.getValue().toString()));
            }
            values.put(e.getKey(), v);
        }
        for (String m : study.metrics()) {
            if (!values.containsKey(m)) {
                return Evaluation.failed("the result lacks metric '" + m + "': '" + abbreviate(text) + "'");
            }
        }
        return Evaluation.ok(values);
    }

    private static double[] metric(JsonNode v) {
        double mean;
        double sem = Double.NaN;
        if (v.isNumber()) {
            mean = v.asDouble();
        } else if (v.isArray() && (v.size() == 1 || v.size() == 2) && v.get(0).isNumber()) {
            mean = v.get(0).asDouble();
            if (v.size() == 2) {
                if (v.get(1).isNull()) {
                    sem = Double.NaN;
                } else if (v.get(1).isNumber()) {
                    sem = v.get(1).asDouble();
                } else {
                    return null;
                }
            }
        } else if (v.isObject() && v.has("mean") && v.get("mean").isNumber()) {
            mean = v.get("mean").asDouble();
            if (v.has("sem") && v.get("sem").isNumber()) {
                sem = v.get("sem").asDouble();
            }
        } else {
            return null;
        }
        if (!Double.isFinite(mean) || (!Double.isNaN(sem) && !(sem >= 0 && Double.isFinite(sem)))) {
            return null;
        }
        return new double[] {mean, sem};
    }

    private Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : baseDir.resolve(p);
    }

    static String substitute(String template, Map<String, Object> params, long trialId, long seed, Path resultFile) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value;
            if (params.containsKey(key)) {
                value = text(params.get(key));
            } else if (key.equals("trial_number") || key.equals("trial_id")) {
                value = Long.toString(trialId);
            } else if (key.equals("seed")) {
                value = Long.toString(seed);
            } else if (key.equals("result_file")) {
                value = resultFile.toString();
            } else {
                value = m.group(0);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static String text(Object v) {
        return String.valueOf(v);
    }

    private static String lastLine(Path out) throws IOException {
        // read at most the last 64 KiB
        try (RandomAccessFile f = new RandomAccessFile(out.toFile(), "r")) {
            long len = f.length();
            long start = Math.max(0, len - 65536);
            byte[] buf = new byte[(int) (len - start)];
            f.seek(start);
            f.readFully(buf);
            String s = new String(buf, StandardCharsets.UTF_8);
            String[] lines = s.split("\\R");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (!lines[i].isBlank()) {
                    return lines[i].trim();
                }
            }
            return null;
        }
    }

    private static String tail(Path err) {
        try {
            if (!Files.exists(err) || Files.size(err) == 0) {
                return "";
            }
            try (RandomAccessFile f = new RandomAccessFile(err.toFile(), "r")) {
                long len = f.length();
                long start = Math.max(0, len - TAIL);
                byte[] buf = new byte[(int) (len - start)];
                f.seek(start);
                f.readFully(buf);
                return "; stderr: " + new String(buf, StandardCharsets.UTF_8).trim();
            }
        } catch (IOException e) {
            return "";
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temporary files only
        }
    }
}
