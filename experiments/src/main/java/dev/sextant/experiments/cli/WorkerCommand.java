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
            CampaignSession.run(campaign, null, storage, CampaignRunner.Options.forWorker(null), !noProgress, System.out);
        }
        return 0;
    }
}
