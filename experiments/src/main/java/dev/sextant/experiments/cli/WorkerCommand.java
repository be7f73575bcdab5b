package dev.sextant.experiments.cli;

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
        try (DatabaseStorage storage = Stores.open(url)) {
            awaitStudy(storage, url);
            Campaign campaign;
            if (campaignFile != null) {
                campaign = CampaignParser.parse(campaignFile);
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
                    .withStaleAfter(duration("--stale-after", staleAfter)).withResumeHint(hint);
            CampaignRunner.Summary s = CampaignSession.run(campaign, null, storage, options, !noProgress, System.out);
            if (s.interrupted() != null) {
                return Interrupts.exitCode(s.interrupted());
            }
        }
        return 0;
    }

    /**
     * Returns once the study exists with its campaign stored (polling every 200 ms for up to {@code --wait}); throws
     * {@link CliException} naming the command to start it otherwise.
     */
    private void awaitStudy(DatabaseStorage storage, String url) {
        long until = System.nanoTime() + (waitFor == null ? 0 : duration("--wait", waitFor).toNanos());
        while (storage.loadStudy(study).isEmpty()
                || (campaignFile == null && CampaignSession.stored(storage, study).isEmpty())) {
            if (System.nanoTime() >= until) {
                throw new CliException("no study '" + study + "' in " + url + (waitFor == null ? "" : " after " + waitFor)
                        + "; start it with `sextant run CAMPAIGN`");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted while waiting for study '" + study + "'");
            }
        }
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
