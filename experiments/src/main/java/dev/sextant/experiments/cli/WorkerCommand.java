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
    @Option(names = "--stale-after", paramLabel = "DURATION", defaultValue = "2m",
            description = "re-queue a trial whose worker sent no heartbeat for this long (default: ${DEFAULT-VALUE})")
    String staleAfter;

    @Override
    public Integer call() {
        String url = Stores.url(db.db, null);
        try (DatabaseStorage storage = Stores.open(url)) {
            if (storage.loadStudy(study).isEmpty()) {
                throw new CliException("no study '" + study + "' in " + url + "; start it with `sextant run CAMPAIGN`");
            }
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
