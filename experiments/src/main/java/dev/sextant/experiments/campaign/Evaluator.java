package dev.sextant.experiments.campaign;

import dev.sextant.core.study.StudySpec;
import dev.sextant.experiments.benchmark.ConstraintFunction;
import dev.sextant.experiments.benchmark.TestFunction;
import dev.sextant.experiments.benchmark.TestFunctions;
import dev.sextant.experiments.steering.SamplerConfig;
import dev.sextant.experiments.steering.SteeringProblem;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Evaluates one trial's parameters. Implementations must be thread-safe (a campaign evaluates {@code parallelism}
 * trials at once) and must not throw for a bad trial: a failure is an {@link Evaluation#failed} result.
 */
public interface Evaluator {
    /**
     * @param parameters the trial's canonical parameter values
     * @param trialId    the trial's number in its study (1, 2, 3 ...; for file names and logs)
     * @param seed       a seed derived from the campaign seed and the trial's number in its study, so a re-run of a
     *                   seeded campaign evaluates with the same seeds whatever else the store holds
     */
    Evaluation evaluate(Map<String, Object> parameters, long trialId, long seed);

    /** Stops work in progress (e.g. kills running commands); default nothing. */
    default void cancelAll() {
    }

    /**
     * Asks to be told, for each trial, the leader of the process group its evaluation runs in (trial number, process),
     * when the evaluator starts one; default: never (no processes).
     */
    default void onProcessGroup(java.util.function.BiConsumer<Long, ProcessHandle> started) {
    }

    /** The evaluator of a campaign. */
    static Evaluator of(Campaign campaign) {
        EvaluatorSpec e = campaign.evaluator();
        if (e.command() != null) {
            return new CommandEvaluator(e, campaign.spec(), campaign.baseDir());
        }
        return builtin(e.builtin(), e.options(), campaign.spec());
    }

    /**
     * A builtin evaluator: {@code steering}/{@code steering3}/{@code steering4} (metrics reward, divergence,
     * base_divergence, diversity, each with its standard error; option {@code samples}) or a test function (metric {@code value} plus its constraint metrics, in
     * native sense; option {@code noise}: SD of Gaussian noise added to each metric).
     */
    static Evaluator builtin(String name, Map<String, Object> options, StudySpec spec) {
        if (CampaignParser.isSteering(name)) {
            int d = name.length() > "steering".length() ? name.charAt("steering".length()) - '0' : 2;
            SteeringProblem problem = SteeringProblem.standard(d);
            Object samples = options.get("samples");
            return (params, id, seed) -> {
                try {
                    Map<String, Object> p = new HashMap<>(params);
                    if (samples != null && !p.containsKey("samples")) {
                        p.put("samples", samples);
                    }
                    return Evaluation.ok(problem.evaluate(SamplerConfig.fromParameters(p), seed).asObservations());
                } catch (IllegalArgumentException ex) {
                    return Evaluation.failed(ex.getMessage());
                }
            };
        }
        TestFunction f = TestFunctions.byName(name, 0);
        double noise = options.get("noise") instanceof Number n ? n.doubleValue() : 0.0;
        return (params, id, seed) -> {
            double[] x = new double[f.dimension()];
            for (int j = 0; j < x.length; j++) {
                Object v = params.get("x" + j);
                if (!(v instanceof Number num)) {
                    return Evaluation.failed("parameter x" + j + " is missing or not a number");
                }
                x[j] = num.doubleValue();
            }
            Random rnd = new Random(seed);
            Map<String, double[]> out = new LinkedHashMap<>();
            out.put("value", new double[] {f.value(x) + noise * rnd.nextGaussian(), noise > 0 ? noise : Double.NaN});
            for (ConstraintFunction c : f.constraints()) {
                out.put(c.metric(), new double[] {c.value(x) + noise * rnd.nextGaussian(), noise > 0 ? noise : Double.NaN});
            }
            return Evaluation.ok(out);
        };
    }
}
