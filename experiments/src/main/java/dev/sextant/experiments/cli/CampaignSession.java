package dev.sextant.experiments.cli;

import dev.sextant.core.study.Goal;
import dev.sextant.core.study.Objective;
import dev.sextant.core.study.ParetoFront;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.experiments.campaign.Campaign;
import dev.sextant.experiments.campaign.CampaignParser;
import dev.sextant.experiments.campaign.CampaignRunner;
import dev.sextant.store.DatabaseStorage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs a campaign for a command: stores the campaign text with the study, draws the progress bar, prints the summary. */
final class CampaignSession {
    static final String ATTR_TEXT = "sextant.campaign.yaml";
    static final String ATTR_SOURCE = "sextant.campaign.source";
    static final String ATTR_DIR = "sextant.campaign.dir";

    private CampaignSession() {
    }

    /** The campaign stored with a study by {@code sextant run} (for workers). */
    static Optional<Campaign> stored(DatabaseStorage storage, String study) {
        Map<String, String> attrs = storage.studyAttributes(study);
        String text = attrs.get(ATTR_TEXT);
        if (text == null) {
            return Optional.empty();
        }
        String dir = attrs.getOrDefault(ATTR_DIR, ".");
        return Optional.of(CampaignParser.parse(attrs.getOrDefault(ATTR_SOURCE, study + ".yaml"), text, Path.of(dir)));
    }

    /** Runs (or resumes) the campaign; {@code text} is stored with a new study so workers can load it. */
    static CampaignRunner.Summary run(Campaign campaign, String text, DatabaseStorage storage, CampaignRunner.Options base,
                                      boolean progress, PrintStream out) {
        PrintStream err = System.err;
        ProgressBar bar = new ProgressBar(campaign.name(), campaign.budget().trialLimit(), err, progress);
        dev.sextant.core.study.StudySpec spec = campaign.spec();
        String metric = spec.isMultiObjective() ? null : spec.objective().metric();
        java.util.concurrent.atomic.AtomicReference<CampaignRunner> running = new java.util.concurrent.atomic.AtomicReference<>();
        CampaignRunner.Listener listener = new CampaignRunner.Listener() {
            @Override
            public void started(Campaign c, int finishedBefore, int limit) {
                if (finishedBefore > 0) {
                    bar.message("study '" + c.name() + "': " + finishedBefore + " trial(s) already finished, continuing");
                }
                bar.update(finishedBefore, null, true);
            }

            @Override
            public void trialFinished(Trial trial, int finished, int limit, Optional<Trial> best) {
                if (trial.failureReason() != null) {
                    bar.message("trial " + trial.number() + " FAILED: " + oneLine(trial.failureReason()));
                }
                bar.update(finished, metric == null ? frontText(spec, running.get())
                        : best.map(b -> metric + "=" + BenchCommand.fmt(mean(b, metric))).orElse("-"), false);
            }

            @Override
            public void tick(Optional<Trial> longest, java.time.Duration runningFor) {
                bar.note(longest.isPresent() && runningFor.compareTo(CampaignRunner.LONG_RUNNING) >= 0
                        ? "trial " + longest.get().number() + " running " + ProgressBar.format(runningFor) : null);
            }

            @Override
            public void message(String m) {
                bar.message(m);
            }
        };
        CampaignRunner.Options options = base.withListener(listener);
        CampaignRunner runner = new CampaignRunner(campaign, storage, Stores.strategies(), options);
        running.set(runner);
        if (campaign.evaluator().command() != null) {
            java.time.Duration timeout = campaign.evaluator().timeout();
            bar.message(timeout == null
                    ? "evaluator timeout: " + dev.sextant.experiments.campaign.EvaluatorSpec.DEFAULT_TIMEOUT.toHours() + "h"
                            + " per trial (the default; set evaluator.timeout in the campaign file to change it)"
                    : "evaluator timeout: " + ProgressBar.format(timeout) + " per trial");
        }
        boolean existed = storage.loadStudy(campaign.name()).isPresent();
        runner.openStudy();
        if (!existed && text != null) {
            storage.setStudyAttribute(campaign.name(), ATTR_TEXT, text);
            storage.setStudyAttribute(campaign.name(), ATTR_SOURCE, campaign.source());
            storage.setStudyAttribute(campaign.name(), ATTR_DIR, campaign.baseDir().toAbsolutePath().toString());
        }
        CampaignRunner.Summary s;
        try (Interrupts interrupts = Interrupts.install(runner::interrupt, err)) {
            s = runner.run();
        }
        if (s.interrupted() != null) {
            bar.finish();
            return s;   // interrupt() printed the one line saying what was kept and how to resume
        }
        bar.update(finished(runner), metric == null ? frontText(spec, runner)
                : s.best().map(b -> metric + "=" + BenchCommand.fmt(mean(b, metric))).orElse("-"), true);
        bar.finish();
        out.printf("study '%s': %d completed, %d failed this run (%d finished before) in %s%n", s.study(), s.completed(),
                s.failed(), s.finishedBefore(), ProgressBar.format(s.elapsed()));
        if (spec.isMultiObjective()) {
            printParetoFront(ParetoFront.of(spec, runner.trials()), spec, out);
        } else {
            printBest(s.best(), spec, out);
        }
        DatabaseStorage.LeaseStats lease = storage.leaseStats();
        out.printf(java.util.Locale.ROOT, "generation lease: taken %d times, waited %.2f s in all (longest %.2f s)%n",
                lease.acquisitions(), lease.totalWait().toNanos() / 1e9, lease.maxWait().toNanos() / 1e9);
        return s;
    }

    /** Prints the best trial ("best trial #N", N its number in the study), or why there is none yet. */
    static void printBest(Optional<Trial> best, dev.sextant.core.study.StudySpec spec, PrintStream out) {
        Goal goal = spec.objective().goal();
        if (best.isEmpty()) {
            out.println(spec.outcomeConstraints().isEmpty() ? "no completed trial yet"
                    : "no completed trial meets the outcome constraints " + spec.outcomeConstraints() + " yet");
            return;
        }
        Trial b = best.get();
        out.println("best trial #" + b.number() + " (" + goal.name().toLowerCase(java.util.Locale.ROOT) + "):");
        b.parameters().forEach((k, v) -> out.println("  " + k + " = " + (v instanceof Double d ? BenchCommand.fmt(d) : v)));
        for (Map.Entry<String, Observation> e : b.values().entrySet()) {
            Observation o = e.getValue();
            out.println("  -> " + e.getKey() + " = " + BenchCommand.fmt(o.mean())
                    + (Double.isNaN(o.sem()) ? "" : " ± " + BenchCommand.fmt(o.sem())));
        }
    }

    /** The progress bar's score for a multi-objective study: "hv H (front N)". */
    private static String frontText(dev.sextant.core.study.StudySpec spec, CampaignRunner runner) {
        if (runner == null) {
            return "-";
        }
        ParetoFront f = ParetoFront.of(spec, runner.trials());
        return f.trials().isEmpty() ? "-" : "hv " + BenchCommand.fmt(f.hypervolume()) + " (front " + f.trials().size() + ")";
    }

    /**
     * Prints the Pareto front of a multi-objective study: its size, the hypervolume with the reference point it is
     * measured from (each value marked "inferred" or "threshold"), then one line per front trial with its objective
     * values and parameters, then the non-dominated trials left out because they are worse than a threshold (one line
     * each, naming the thresholds they miss); or why there is no front yet.
     */
    static void printParetoFront(ParetoFront front, dev.sextant.core.study.StudySpec spec, PrintStream out) {
        List<Objective> objectives = spec.objectives();
        if (front.trials().isEmpty()) {
            out.println(!front.beyondThresholds().isEmpty()
                    ? "no completed trial is within every objective's threshold yet: no Pareto front"
                    : spec.outcomeConstraints().isEmpty() ? "no completed trial yet: no Pareto front"
                    : "no completed trial meets the outcome constraints " + spec.outcomeConstraints()
                            + " yet: no Pareto front");
        } else {
            StringBuilder ref = new StringBuilder();
            for (int k = 0; k < objectives.size(); k++) {
                ref.append(k == 0 ? "" : ", ").append(objectives.get(k).metric()).append(' ')
                        .append(BenchCommand.fmt(front.referencePoint().get(k)))
                        .append(front.inferred().get(k) ? " inferred" : " threshold");
            }
            out.println("Pareto front: " + front.trials().size() + " trial(s), hypervolume "
                    + BenchCommand.fmt(front.hypervolume()) + " above the reference point (" + ref + ")");
            for (Trial t : front.trials()) {
                out.println(trialLine("  #", t, objectives));
            }
        }
        if (!front.beyondThresholds().isEmpty()) {
            out.println("left out, worse than a threshold (the worst value still of interest): "
                    + front.beyondThresholds().size() + " otherwise non-dominated trial(s)");
            for (Trial t : front.beyondThresholds()) {
                out.println(trialLine("  (#", t, objectives).replaceFirst(":", "):") + "  | worse than the threshold of "
                        + String.join(", ", front.worseThanThreshold(t).stream().map(Objective::metric).toList()));
            }
        }
    }

    /** "  #3: reward=0.8 divergence=0.1  | x=0.5 ...", the prefix first. */
    private static String trialLine(String prefix, Trial t, List<Objective> objectives) {
        StringBuilder line = new StringBuilder(prefix + t.number() + ":");
        for (Objective o : objectives) {
            line.append(' ').append(o.metric()).append('=').append(BenchCommand.fmt(mean(t, o.metric())));
        }
        line.append("  |");
        t.parameters().forEach((k, v) -> line.append(' ').append(k).append('=')
                .append(v instanceof Double d ? BenchCommand.fmt(d) : v));
        return line.toString();
    }

    static double mean(Trial t, String metric) {
        Observation o = t.values().get(metric);
        return o == null ? Double.NaN : o.mean();
    }

    static String oneLine(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }

    /** COMPLETED and FAILED trials of the runner's study. */
    static int finished(CampaignRunner r) {
        int n = 0;
        for (Trial t : r.trials()) {
            if (t.state() == dev.sextant.core.trial.TrialState.COMPLETED || t.state() == dev.sextant.core.trial.TrialState.FAILED) {
                n++;
            }
        }
        return n;
    }
}
