package dev.sextant.experiments.cli;

import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.Objective;
import dev.sextant.core.study.StudySpec;
import dev.sextant.experiments.campaign.Campaign;
import dev.sextant.experiments.campaign.CampaignParser;
import dev.sextant.experiments.campaign.CampaignRunner;
import dev.sextant.store.DatabaseStorage;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sextant worker}: evaluates trials of an existing campaign; run many on many machines against one store. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Evaluates trials of an existing campaign (many machines, one store).",
                "Evaluates trials of a campaign study started with `sextant run`, sharing the budget",
                "with every other worker and run on the same store (use PostgreSQL across machines)."})
final class WorkerCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    DbOption db;
    @Option(names = "--study", required = true, description = "the campaign's study name")
    String study;
    @Option(names = "--campaign", description = "the campaign file (default: the one stored with the study)")
    Path campaignFile;
    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;
    @Option(names = "--wait", paramLabel = "DURATION", description = "wait up to this long for the study to appear "
            + "(workers started before `sextant run` creates it); default: fail at once")
    String waitFor;
    @Option(names = "--stale-after", paramLabel = "DURATION", defaultValue = "2m",
            description = "re-queue a trial whose worker sent no heartbeat for this long (default: ${DEFAULT-VALUE})")
    String staleAfter;

    @Override
    public Integer call() {
        String url = Stores.url(db.db, null);
        Campaign fromFile = campaignFile == null ? null : CampaignParser.parse(campaignFile);
        try (DatabaseStorage storage = Stores.open(url)) {
            boolean warm = awaitStudy(storage, url, fromFile);
            Campaign campaign;
            if (fromFile != null) {
                campaign = fromFile;
            } else {
                campaign = CampaignSession.stored(storage, study).orElseThrow(() -> new CliException("study '" + study
                        + "' has no stored campaign; pass --campaign FILE"));
            }
            if (!campaign.name().equals(study)) {
                throw new CliException("the campaign file describes study '" + campaign.name() + "', not '" + study + "'");
            }
            System.out.println("sextant worker on '" + study + "' (" + url + ")");
            String hint = "./sextant worker --study " + study + (db.db == null ? "" : " --db '" + db.db + "'");
            CampaignRunner.Options options = CampaignRunner.Options.forWorker(null)
                    .withStaleAfter(duration("--stale-after", staleAfter)).withResumeHint(hint).withWarm(warm);
            CampaignRunner.Summary s = CampaignSession.run(campaign, null, storage, options, !noProgress, System.out);
            if (s.interrupted() != null) {
                return Interrupts.exitCode(s.interrupted());
            }
        }
        return 0;
    }

    /** Throw-away generations a waiting worker runs to compile the generator's code (see {@link #awaitStudy}). */
    static final int WARM_UP_ROUNDS = 4;

    /**
     * Returns once the study exists with its campaign stored (polling every 200 ms for up to {@code --wait}); throws
     * {@link CliException} naming the command to start it otherwise. A worker that has to wait says so on standard
     * error ("sextant worker: waiting up to 5m for study 'NAME'") and meanwhile compiles its generator's code on a
     * background thread ({@link CampaignRunner#warmUpSynthetic}: throw-away generations on the campaign file's space
     * when given, else on a small synthetic one; nothing is stored), stopped as soon as the study appears, and says
     * when that is done ("sextant worker: generator warmed up"). Returns whether the warm-up completed a generation
     * (the runner then skips its own).
     */
    private boolean awaitStudy(DatabaseStorage storage, String url, Campaign fromFile) {
        long until = System.nanoTime() + (waitFor == null ? 0 : duration("--wait", waitFor).toNanos());
        java.util.concurrent.atomic.AtomicBoolean found = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger warmed = new java.util.concurrent.atomic.AtomicInteger();
        Thread warmUp = null;
        try {
            while (storage.loadStudy(study).isEmpty()
                    || (fromFile == null && CampaignSession.stored(storage, study).isEmpty())) {
                if (System.nanoTime() >= until) {
                    throw new CliException("no study '" + study + "' in " + url + (waitFor == null ? "" : " after "
                            + waitFor) + "; start it with `sextant run CAMPAIGN`");
                }
                if (warmUp == null) {
                    System.err.println("sextant worker: waiting up to " + waitFor + " for study '" + study + "'");
                    StudySpec spec = fromFile != null ? fromFile.spec() : syntheticSpec();
                    warmUp = new Thread(() -> {
                        long t0 = System.nanoTime();
                        int n = CampaignRunner.warmUpSynthetic(spec, Stores.strategies(), WARM_UP_ROUNDS, done -> {
                            warmed.set(done);
                            return found.get();
                        });
                        warmed.set(n);
                        if (!found.get()) {
                            System.err.printf(java.util.Locale.ROOT, "sextant worker: generator warmed up (%d "
                                    + "generation(s), %.1f s)%n", n, (System.nanoTime() - t0) / 1e9);
                        }
                    }, "sextant-warm-up");
                    warmUp.setDaemon(true);
                    warmUp.start();
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CliException("interrupted while waiting for study '" + study + "'");
                }
            }
        } finally {
            found.set(true);
        }
        return warmed.get() > 0;
    }

    /**
     * The space a worker warms its generator up on while it waits for a study it does not know yet: two floats, an
     * integer and a category (the encodings a campaign uses), one objective, default generation settings.
     */
    static StudySpec syntheticSpec() {
        SearchSpace space = SearchSpace.builder().addFloat("a", 0, 1).addFloat("b", 1e-3, 1, true).addInt("c", 1, 8)
                .addCategorical("d", java.util.List.of("p", "q", "r")).build();
        return StudySpec.of("sextant-warm-up", space, Objective.minimize("y"));
    }

    /** A duration option ("90s", "2m", "1h"), at least 10 s. */
    static java.time.Duration duration(String option, String text) {
        java.time.Duration d;
        try {
            d = dev.sextant.experiments.campaign.Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(option + " " + text + ": " + e.getMessage() + " (e.g. 90s, 2m, 1h)");
        }
        if (d.compareTo(java.time.Duration.ofSeconds(10)) < 0) {
            throw new CliException(option + " " + text + " is too short: use at least 10s (live trials whose heartbeat "
                    + "is merely late would be re-queued)");
        }
        return d;
    }
}
