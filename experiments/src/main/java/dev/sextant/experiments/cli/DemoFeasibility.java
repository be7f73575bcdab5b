package dev.sextant.experiments.cli;

import dev.sextant.core.study.OutcomeConstraint;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import dev.sextant.experiments.campaign.Campaign;
import dev.sextant.experiments.campaign.CampaignParser;
import dev.sextant.experiments.campaign.CampaignRunner;
import dev.sextant.store.DatabaseStorage;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code sextant demo --seeds A-B}: the demo campaign run headless once per campaign seed (each on its own
 * temporary H2 store, no server), reporting per seed and over all seeds how many of the model's trials (those after
 * the initial design) satisfied every outcome constraint, and how that compares with the feasibility the model
 * predicted for them when it proposed them ({@code predicted_feasibility} in their generation metadata): the mean
 * predicted probability against the observed fraction, each seed's best feasible objective value (over all its trials),
 * the same in bins of the predicted probability, and per
 * constraint metric ({@code predicted_feasibility_by_metric}) the mean predicted probability of meeting its constraint
 * against the fraction that did.
 */
final class DemoFeasibility {
    private DemoFeasibility() {
    }

    /**
     * One BO trial: predicted feasibility (NaN when not recorded) and whether it was feasible; per constraint metric,
     * the predicted probability of meeting its constraint (absent when not recorded) and whether it did.
     */
    record Outcome(double predicted, boolean feasible, Map<String, Double> predictedByMetric,
                   Map<String, Boolean> metByMetric) {
        Outcome(double predicted, boolean feasible) {
            this(predicted, feasible, Map.of(), Map.of());
        }
    }

    /**
     * Runs the seeds and prints the report.
     *
     * @param template the demo campaign text
     * @param options  generation options added to the campaign's (e.g. model_selection=off), not modified
     * @param trials   trial budget, or null for the campaign's
     * @return every seed's BO trials
     */
    static List<Outcome> run(String template, long firstSeed, long lastSeed, Map<String, String> options,
                             Integer trials, PrintStream out) {
        List<Outcome> all = new ArrayList<>();
        out.printf(Locale.ROOT, "%-6s %10s %10s %14s %14s%n", "seed", "BO trials", "feasible", "mean predicted",
                "best feasible");
        for (long seed = firstSeed; seed <= lastSeed; seed++) {
            String text = template.replaceFirst("(?m)^seed: .*$", "seed: " + seed);
            if (trials != null) {
                text = text.replaceFirst("trials: 40", "trials: " + trials);
            }
            if (!options.isEmpty()) {
                StringBuilder extra = new StringBuilder();
                options.forEach((k, v) -> extra.append(", ").append(k).append(": ").append(v));
                text = text.replaceFirst("(?m)^(generation: \\{[^}]*)\\}", "$1" + extra + "}");
            }
            Campaign campaign = CampaignParser.parse("demo.yaml", text, Path.of("."));
            double[] best = new double[1];
            List<Outcome> seedOutcomes = runOne(campaign, text, best);
            all.addAll(seedOutcomes);
            long feasible = seedOutcomes.stream().filter(Outcome::feasible).count();
            out.printf(Locale.ROOT, "%-6d %10d %10d %14s %14s%n", seed, seedOutcomes.size(), feasible,
                    fmt(meanPredicted(seedOutcomes)), fmt(best[0]));
        }
        long feasible = all.stream().filter(Outcome::feasible).count();
        out.printf(Locale.ROOT, "all    %10d %10d %14s   feasible fraction %.3f%n", all.size(), feasible,
                fmt(meanPredicted(all)), all.isEmpty() ? Double.NaN : (double) feasible / all.size());
        out.println("calibration (BO trials by predicted feasibility): bin, trials, mean predicted, observed fraction");
        double[][] bins = {{0, 0.2}, {0.2, 0.5}, {0.5, 0.8}, {0.8, 1.0000001}};
        for (double[] b : bins) {
            List<Outcome> in = all.stream().filter(o -> o.predicted() >= b[0] && o.predicted() < b[1]).toList();
            long f = in.stream().filter(Outcome::feasible).count();
            out.printf(Locale.ROOT, "  [%.1f, %.1f)  %4d  %14s  %s%n", b[0], Math.min(b[1], 1.0), in.size(),
                    fmt(meanPredicted(in)), in.isEmpty() ? "-" : String.format(Locale.ROOT, "%.3f", (double) f / in.size()));
        }
        printPerMetric(all, out);
        return all;
    }

    /** Per constraint metric: mean predicted probability of meeting its constraint against the observed fraction. */
    static void printPerMetric(List<Outcome> all, PrintStream out) {
        java.util.Set<String> metrics = new java.util.TreeSet<>();
        for (Outcome o : all) metrics.addAll(o.metByMetric().keySet());
        if (metrics.isEmpty()) return;
        out.println("per constraint (BO trials): metric, mean predicted, observed fraction meeting it");
        for (String m : metrics) {
            double p = all.stream().map(o -> o.predictedByMetric().get(m)).filter(v -> v != null && Double.isFinite(v))
                    .mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            long met = all.stream().filter(o -> Boolean.TRUE.equals(o.metByMetric().get(m))).count();
            out.printf(Locale.ROOT, "  %-16s %14s  %.3f%n", m, fmt(p), all.isEmpty() ? Double.NaN : (double) met / all.size());
        }
    }

    /**
     * Runs one seed on a temporary store; returns its BO trials' outcomes and puts the best objective value among all
     * its feasible completed trials (NaN when none) into {@code bestFeasible[0]}.
     */
    static List<Outcome> runOne(Campaign campaign, String text, double[] bestFeasible) {
        Path dir;
        try {
            dir = Files.createTempDirectory("sextant-demo-seeds");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (DatabaseStorage storage = Stores.open("jdbc:h2:file:" + dir.resolve("store").toAbsolutePath())) {
            PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
            CampaignSession.run(campaign, text, storage, CampaignRunner.Options.forRun(null), false, quiet);
            List<Trial> trials = storage.trials(campaign.name());
            bestFeasible[0] = bestFeasible(trials, campaign.spec());
            return outcomes(trials, campaign.spec().outcomeConstraints());
        } finally {
            deleteQuietly(dir);
        }
    }

    /** The completed trials proposed by a model (generator other than Sobol), in trial order. */
    static List<Outcome> outcomes(List<Trial> trials, List<OutcomeConstraint> constraints) {
        List<Outcome> out = new ArrayList<>();
        for (Trial t : trials.stream().sorted(Comparator.comparingLong(Trial::number)).toList()) {
            if (t.state() != TrialState.COMPLETED || t.generator() == null || !t.generator().startsWith("bayes")) {
                continue;
            }
            boolean ok = true;
            Map<String, Boolean> met = new java.util.LinkedHashMap<>();
            for (OutcomeConstraint c : constraints) {
                Observation o = t.values().get(c.metric());
                boolean meets = o != null && (c.relation() == OutcomeConstraint.Relation.LESS_EQUAL
                        ? o.mean() <= c.bound() : o.mean() >= c.bound());
                met.merge(c.metric(), meets, Boolean::logicalAnd);
                ok &= meets;
            }
            Map<String, Double> predictedBy = new java.util.LinkedHashMap<>();
            if (t.generation().get("predicted_feasibility_by_metric") instanceof Map<?, ?> by) {
                by.forEach((k, v) -> {
                    if (v instanceof Number num) predictedBy.put(String.valueOf(k), num.doubleValue());
                });
            }
            Object p = t.generation().get("predicted_feasibility");
            out.add(new Outcome(p instanceof Number num ? num.doubleValue() : Double.NaN, ok, predictedBy, met));
        }
        return out;
    }

    /** The best objective mean among the completed trials meeting every outcome constraint; NaN when none. */
    static double bestFeasible(List<Trial> trials, dev.sextant.core.study.StudySpec spec) {
        String metric = spec.objective().metric();
        boolean max = spec.objective().goal() == dev.sextant.core.study.Goal.MAXIMIZE;
        double best = Double.NaN;
        for (Trial t : trials) {
            if (t.state() != TrialState.COMPLETED || t.values() == null || t.values().get(metric) == null) continue;
            boolean ok = true;
            for (OutcomeConstraint c : spec.outcomeConstraints()) {
                Observation o = t.values().get(c.metric());
                ok &= o != null && (c.relation() == OutcomeConstraint.Relation.LESS_EQUAL ? o.mean() <= c.bound()
                        : o.mean() >= c.bound());
            }
            double v = t.values().get(metric).mean();
            if (ok && (Double.isNaN(best) || (max ? v > best : v < best))) best = v;
        }
        return best;
    }

    static double meanPredicted(List<Outcome> outcomes) {
        return outcomes.stream().mapToDouble(Outcome::predicted).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
