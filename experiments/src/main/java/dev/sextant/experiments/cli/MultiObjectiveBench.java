package dev.sextant.experiments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sextant.experiments.benchmark.BenchmarkSettings;
import dev.sextant.experiments.benchmark.MultiObjectiveBenchmark;
import dev.sextant.experiments.benchmark.MultiObjectiveProblem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code sextant bench} on a multi-objective problem: runs {@link MultiObjectiveBenchmark}, prints per seed the final
 * hypervolume and log10 hypervolume regret, the median regret and seconds per iteration, and writes the JSON.
 */
final class MultiObjectiveBench {
    private MultiObjectiveBench() {
    }

    static int run(MultiObjectiveProblem p, BenchmarkSettings s, Path out, boolean progress) throws IOException {
        PrintStream err = System.err;
        ProgressBar bar = new ProgressBar("bench " + p.name(), s.seeds() * s.iters(), err, progress);
        AtomicInteger done = new AtomicInteger();
        MultiObjectiveBenchmark.Result r = MultiObjectiveBenchmark.run(p, s, (seed, it, hv) ->
                bar.update(done.incrementAndGet(), "hv " + BenchCommand.fmt(hv), false));
        bar.update(done.get(), "", true);
        bar.finish();
        PrintStream o = System.out;
        o.printf(Locale.ROOT, "%s (d=%d, %d objectives), %d Sobol + %d iterations x q=%d, noise %s, acquisition %s,"
                        + " max hypervolume %s%n", p.name(), p.dimension(), p.objectives(), s.init(), s.iters(),
                s.batch(), BenchCommand.fmt(s.noise()), r.acquisition(), BenchCommand.fmt(p.maxHypervolume()));
        o.printf(Locale.ROOT, "%-8s %14s %16s %10s%n", "seed", "final hv", "log10 hv regret", "s/iter");
        for (MultiObjectiveBenchmark.SeedRun sr : r.seeds()) {
            o.printf(Locale.ROOT, "%-8d %14s %16s %10.3f%n", sr.seed(), BenchCommand.fmt(sr.finalHv()),
                    BenchCommand.fmt(r.log10Regret(sr.finalHv())), sr.secondsPerIter());
        }
        o.printf(Locale.ROOT, "median final log10 hv regret %s, median %.3f s/iteration%n",
                BenchCommand.fmt(r.medianLog10HvRegret()), r.medianSecondsPerIter());
        if (out != null) {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
            json.writeValue(out.toFile(), r.toJson());
            o.println("wrote " + out);
        }
        return 0;
    }
}
