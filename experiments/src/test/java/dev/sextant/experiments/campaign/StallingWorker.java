package dev.sextant.experiments.campaign;

import dev.sextant.core.generate.Candidate;
import dev.sextant.core.generate.CandidateGenerator;
import dev.sextant.core.generate.GenerationRequest;
import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.generate.SobolGenerator;
import dev.sextant.store.DatabaseStorage;
import dev.sextant.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A worker JVM for {@link LeaseHolderDeathTest}: runs a campaign's study with Sobol, except that the study's generator
 * call number {@code stallAt} (1-based; each strategy has its own generator, so the runner's warm-up does not count)
 * writes the file {@code marker} and then sleeps for ten minutes, inside the generation lease, so the test can SIGKILL it while it holds the lease. Generation lease 2 s, stale-after 2 s.
 * Arguments: JDBC URL, campaign file, stallAt, marker file.
 */
public final class StallingWorker {
    private StallingWorker() {
    }

    /** Sobol, except that this instance's call number {@code stallAt} writes {@code marker} and sleeps 10 minutes. */
    private static CandidateGenerator stalling(int stallAt, Path marker) {
        SobolGenerator sobol = new SobolGenerator();
        return new CandidateGenerator() {
            private int calls;

            @Override
            public String name() {
                return sobol.name();
            }

            @Override
            public List<Candidate> generate(GenerationRequest request) {
                if (++calls == stallAt) {
                    try {
                        Files.writeString(marker, "holding the generation lease\n");
                        Thread.sleep(600_000);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return sobol.generate(request);
            }
        };
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Campaign campaign = CampaignParser.parse(Path.of(args[1]));
        int stallAt = Integer.parseInt(args[2]);
        Path marker = Path.of(args[3]);
        java.util.function.Function<dev.sextant.core.study.StudySpec, GenerationStrategy> strategies =
                spec -> GenerationStrategy.builder().last(stalling(stallAt, marker)).build();
        try (DatabaseStorage storage = DatabaseStorage.open(StoreOptions.of(url)
                .withGenerationLease(Duration.ofSeconds(2)))) {
            CampaignRunner.Options options = new CampaignRunner.Options("worker:stalling", Duration.ofSeconds(2),
                    false, null);
            new CampaignRunner(campaign, storage, strategies, options).run();
        }
    }
}
