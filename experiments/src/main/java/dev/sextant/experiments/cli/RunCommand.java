package dev.sextant.experiments.cli;

import dev.sextant.experiments.campaign.Campaign;
import dev.sextant.experiments.campaign.CampaignParser;
import dev.sextant.experiments.campaign.CampaignRunner;
import dev.sextant.store.DatabaseStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sextant run CAMPAIGN}: runs or resumes a campaign file. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs or resumes a campaign file (YAML).",
                "Runs until the budget is spent, or resumes an interrupted campaign: the study in the store keeps",
                "every finished trial, trials left RUNNING by an interrupted run are re-queued, nothing finished is re-run."})
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CAMPAIGN", description = "the campaign file (.yaml)")
    Path file;
    @Mixin
    DbOption db;
    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;
    @Option(names = "--validate", description = "only validate the campaign file and exit")
    boolean validateOnly;
    @Option(names = "--stale-after", paramLabel = "DURATION", defaultValue = "2m",
            description = "re-queue a trial whose worker sent no heartbeat for this long (default: ${DEFAULT-VALUE})")
    String staleAfter;

    @Override
    public Integer call() throws IOException {
        Campaign campaign = CampaignParser.parse(file);
        if (validateOnly) {
            System.out.println(file + ": ok (study '" + campaign.name() + "', " + campaign.spec().space().parameters().size()
                    + " parameters, metrics " + campaign.spec().metrics() + ")");
            return 0;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String url = Stores.url(db.db, campaign.store());
        try (DatabaseStorage storage = Stores.open(url)) {
            System.out.println("sextant: campaign '" + campaign.name() + "' on " + url);
            String hint = "./sextant run " + file + (db.db == null ? "" : " --db '" + db.db + "'");
            CampaignRunner.Options options = CampaignRunner.Options.forRun(null)
                    .withStaleAfter(WorkerCommand.duration("--stale-after", staleAfter)).withResumeHint(hint);
            CampaignRunner.Summary s = CampaignSession.run(campaign, text, storage, options, !noProgress, System.out);
            if (s.interrupted() != null) {
                return Interrupts.exitCode(s.interrupted());
            }
        }
        return 0;
    }
}
