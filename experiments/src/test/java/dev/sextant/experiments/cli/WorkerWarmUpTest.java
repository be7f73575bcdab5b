package dev.sextant.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sextant.core.generate.SobolGenerator;
import dev.sextant.experiments.campaign.CampaignRunner;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The warm-up a worker runs while it waits for its study ({@code sextant worker --wait}). */
class WorkerWarmUpTest {
    @Test
    void theSyntheticSpaceReachesTheModelBasedGeneratorAndTheWarmUpStopsWhenAsked() {
        var spec = WorkerCommand.syntheticSpec();
        // the space a worker warms up on must select a model-based generator (Sobol would compile nothing useful)
        assertEquals(false, Stores.strategies().apply(spec).select(Integer.MAX_VALUE - 1) instanceof SobolGenerator);
        AtomicInteger asked = new AtomicInteger();
        // two generations complete (the fit, the acquisition optimisation, once with a pending point), then the
        // stop predicate, asked before each generation with the number done, ends it
        int done = CampaignRunner.warmUpSynthetic(spec, Stores.strategies(), 5, n -> {
            asked.incrementAndGet();
            return n >= 2;
        });
        assertEquals(2, done);
        assertEquals(3, asked.get());
    }
}
