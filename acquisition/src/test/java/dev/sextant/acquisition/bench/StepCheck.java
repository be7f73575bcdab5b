package dev.sextant.acquisition.bench;

import dev.sextant.acquisition.BayesianGenerator;
import dev.sextant.core.generate.Candidate;
import dev.sextant.core.generate.GenerationRequest;
import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.GenerationSettings;
import dev.sextant.core.study.Goal;
import dev.sextant.core.study.Objective;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Cost of one BO step (anchors section 2): Hartmann6 data with noise 0.05, n observations, GP fit + qLogNEI
 * optimisation for a batch of q. Usage: StepCheck N Q [REPEATS] [THREADS] [sequential=true|false]
 */
public final class StepCheck {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int q = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        boolean seq = args.length <= 4 || Boolean.parseBoolean(args[4]);
        SearchSpace.Builder b = SearchSpace.builder();
        for (int i = 0; i < 6; i++) b.addFloat("x" + i, 0, 1);
        SearchSpace space = b.build();
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("threads", threads);
        opts.put("sequential", seq);
        // -Dopt.KEY=VALUE sets any other generator option (e.g. -Dopt.noise_prior_loc=-4), as in LoopCheck
        for (String k : System.getProperties().stringPropertyNames()) {
            if (k.startsWith("opt.")) opts.put(k.substring(4), System.getProperty(k));
        }
        StudySpec spec = new StudySpec("step", space, new Objective("f", Goal.MINIMIZE), List.of(),
            new GenerationSettings(10, "qlognei", opts), 1);
        SplittableRandom r = new SplittableRandom(3);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[6];
            Map<String, Object> p = new LinkedHashMap<>();
            for (int j = 0; j < 6; j++) { x[j] = r.nextDouble(); p.put("x" + j, x[j]); }
            double y = LoopCheck.hartmann6(x) + 0.05 * r.nextGaussian();
            trials.add(new Trial(i + 1, "step", TrialState.COMPLETED, p, Map.of("f", new Observation(y, Double.NaN)),
                "sobol", Map.of(), Instant.EPOCH, Instant.EPOCH, null, null));
        }
        for (int rep = 0; rep < reps; rep++) {
            BayesianGenerator g = new BayesianGenerator("qlognei");
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            List<Candidate> c = g.generate(new GenerationRequest(spec, trials, List.of(), q, rep));
            double dt = (System.nanoTime() - t0) / 1e9;
            double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            System.out.printf("n=%d q=%d rep %d: cpu %.3f s, wall %.3f s (fit %.3f, opt %.3f) acq %.4f baseline %s%n", n, q, rep, cpu, dt,
                ((Number) c.get(0).generation().get("fit_seconds")).doubleValue(),
                ((Number) c.get(0).generation().get("optimize_seconds")).doubleValue(),
                ((Number) c.get(0).generation().get("acquisition_value")).doubleValue(),
                c.get(0).generation().get("baseline_size"));
        }
    }
}
