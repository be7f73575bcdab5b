package dev.sextant.acquisition.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.acquisition.Strategies;
import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.GenerationSettings;
import dev.sextant.core.study.Goal;
import dev.sextant.core.study.InMemoryStorage;
import dev.sextant.core.study.Objective;
import dev.sextant.core.study.Study;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Trial;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end through a study: a 10-d Ackley with a small budget and {@code trust_region=on} proposes every model
 * trial inside the region it records, and a second study fed the same history (a resumed campaign, another worker)
 * derives the same region.
 */
class TrustRegionStudyTest {
    static final int D = 10;

    static StudySpec spec(String name, String mode, String search) {
        SearchSpace.Builder b = SearchSpace.builder();
        for (int i = 0; i < D; i++) b.addFloat("x" + i, -32.768, 32.768);
        Map<String, Object> opts = new HashMap<>(Map.of("raw_samples", 512, "restarts", 2, "mc_samples", 64,
            "threads", 1));
        opts.put("trust_region", mode);
        opts.put("trust_region_search", search);
        return new StudySpec(name, b.build(), new Objective("y", Goal.MINIMIZE), List.of(),
            new GenerationSettings(12, "qlognei", opts), 5);
    }

    static double ackley(Trial t) {
        double s1 = 0, s2 = 0;
        for (int i = 0; i < D; i++) {
            double x = t.number("x" + i);
            s1 += x * x;
            s2 += Math.cos(2 * Math.PI * x);
        }
        return -20 * Math.exp(-0.2 * Math.sqrt(s1 / D)) - Math.exp(s2 / D) + 20 + Math.E;
    }

    @ParameterizedTest
    @ValueSource(strings = {"acquisition", "thompson"})
    void ackley10ProposesInsideTheRecordedRegionAndAResumedStudySeesTheSameRegion(String search) {
        StudySpec spec = spec("ackley10-tr-" + search, "on", search);
        InMemoryStorage storage = new InMemoryStorage();
        Study study = Study.create(spec, storage, Strategies.defaultFor(spec));
        int inRegion = 0;
        for (int i = 0; i < 18; i++) {
            Trial t = study.ask();
            study.tell(t.number(), Map.of("y", ackley(t)));
            if (i < 12) {
                continue;
            }
            Object rec = t.generation().get(TrustRegionReplay.METADATA_KEY);
            assertNotNull(rec, "trial " + t.number() + " records its trust region: " + t.generation());
            Map<?, ?> m = (Map<?, ?>) rec;
            assertEquals("step", m.get("phase"));
            double[] x = spec.space().encode(t.parameters());
            List<?> lo = (List<?>) m.get("lower"), hi = (List<?>) m.get("upper");
            boolean narrower = false;
            for (int k = 0; k < D; k++) {
                double l = ((Number) lo.get(k)).doubleValue(), h = ((Number) hi.get(k)).doubleValue();
                assertTrue(x[k] >= l - 1e-9 && x[k] <= h + 1e-9, "trial " + t.number() + " coordinate " + k + " = "
                    + x[k] + " lies in [" + l + ", " + h + "]");
                narrower |= h - l < 0.999;
            }
            assertTrue(narrower, "the region is smaller than the cube: " + m);
            inRegion++;
        }
        assertEquals(6, inRegion);
        // the same history seen by a fresh generator (a resumed campaign, another worker): the same region
        Trial next = study.ask();
        Map<?, ?> a = (Map<?, ?>) next.generation().get(TrustRegionReplay.METADATA_KEY);
        study.abandon(next.number());
        Study resumed = Study.open(spec.name(), storage, Strategies.defaultFor(spec));
        Map<?, ?> b = (Map<?, ?>) resumed.ask().generation().get(TrustRegionReplay.METADATA_KEY);
        for (String key : List.of("length", "successes", "failures", "restarts", "steps", "batch", "centre", "lower",
            "upper")) {
            assertEquals(a.get(key), b.get(key), key);
        }
    }

    @Test
    void offAndAutoBelowTheAutoDimensionRecordNoRegion() {
        for (String mode : List.of("off", "auto")) {
            StudySpec spec = new StudySpec("quad-" + mode, SearchSpace.builder().addFloat("x", 0, 1)
                .addFloat("z", 0, 1).build(), new Objective("y", Goal.MINIMIZE), List.of(),
                new GenerationSettings(4, "qlognei", Map.of("raw_samples", 512, "restarts", 2, "mc_samples", 64,
                    "threads", 1, "trust_region", mode)), 3);
            Study study = Study.create(spec, new InMemoryStorage(), Strategies.defaultFor(spec));
            for (int i = 0; i < 6; i++) {
                Trial t = study.ask();
                study.tell(t.number(), Map.of("y", Math.pow(t.number("x") - 0.3, 2) + t.number("z")));
                assertFalse(t.generation().containsKey(TrustRegionReplay.METADATA_KEY), mode + ": " + t.generation());
            }
        }
    }
}
