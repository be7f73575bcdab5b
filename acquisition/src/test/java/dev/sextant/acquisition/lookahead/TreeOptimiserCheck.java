package dev.sextant.acquisition.lookahead;

import dev.sextant.surrogate.gp.GaussianProcess;
import dev.sextant.surrogate.gp.GpOptions;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.model.GpModel;
import java.util.SplittableRandom;

/**
 * Optimiser-quality check (a program, not a test): on random Branin / Hartmann6 data sets (RBF MAP fit), the log
 * tree value the default optimiser (restarts 4, 64 initial trees, 200 iterations) reaches against another setting,
 * by default a much larger search (-Dbig.restarts=16, -Dbig.initial=512, -Dbig.iterations=1000), and the time of
 * each. Args: [datasets=10] [fantasies=8,4]. Classpath as in {@link LookaheadLoopCheck}.
 */
public final class TreeOptimiserCheck {
    private TreeOptimiserCheck() {
    }

    public static void main(String[] args) {
        int sets = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int[] m = args.length > 1 ? java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {8, 4};
        for (String pn : new String[] {"branin", "hartmann6"}) {
            LookaheadLoopCheck.Problem p = LookaheadLoopCheck.problem(pn);
            double gapSum = 0;
            int worse = 0;
            double tDef = 0;
            double tBig = 0;
            for (int s = 0; s < sets; s++) {
                SplittableRandom rng = new SplittableRandom(77 + s);
                int n = p.init() + 2 + rng.nextInt(p.iters() - 2);
                int d = p.d();
                double[] x = new double[n * d];
                double[] y = new double[n];
                for (int i = 0; i < n; i++) {
                    double[] u = new double[d];
                    double[] v = new double[d];
                    for (int j = 0; j < d; j++) {
                        u[j] = rng.nextDouble();
                        v[j] = p.low()[j] + u[j] * (p.high()[j] - p.low()[j]);
                        x[i * d + j] = u[j];
                    }
                    y[i] = -p.f().applyAsDouble(v);
                }
                GaussianProcess gp = GaussianProcess.fit(x, n, d, y, null,
                        GpOptions.defaults().withKernel(KernelType.RBF).withSeed(s));
                GpModel model = GpModel.of(gp, 1e-6);
                LookaheadOptions o = LookaheadOptions.steps(s, m);
                long t0 = System.nanoTime();
                LookaheadResult a = new MultiStepLookahead(model, o).optimize(null);
                long t1 = System.nanoTime();
                LookaheadResult b = new MultiStepLookahead(model, o.withRestarts(Integer.getInteger("big.restarts", 16), Integer.getInteger("big.initial", 512), Integer.getInteger("big.iterations", 1000))).optimize(null);
                long t2 = System.nanoTime();
                tDef += (t1 - t0) / 1e9;
                tBig += (t2 - t1) / 1e9;
                double gap = b.value() - a.value();
                gapSum += gap;
                if (gap > 0.01) {
                    worse++;
                }
                double dist = 0;
                for (int j = 0; j < d; j++) {
                    dist += Math.pow(a.proposal()[j] - b.proposal()[j], 2);
                }
                System.out.printf("%s set %d n=%d: log value default %.4f big %.4f gap %.4f |dx0| %.3f%n", pn, s, n,
                        a.value(), b.value(), gap, Math.sqrt(dist));
            }
            System.out.printf("%s: mean gap %.4f, %d/%d sets more than 0.01 below, time default %.3f s big %.3f s%n",
                    pn, gapSum / sets, worse, sets, tDef / sets, tBig / sets);
        }
    }
}
