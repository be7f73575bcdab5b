package dev.sextant.acquisition.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SamplerTest {

    @Test
    void baseSamplesAreFixedPerShapeAndDeterministicInTheSeed() {
        Sampler s = Sampler.qmc(64, 11);
        double[] z = s.baseSamples(0, 5);
        assertSame(z, s.baseSamples(0, 5), "drawn once per (metric, width)");
        assertArrayEquals(z, Sampler.qmc(64, 11).baseSamples(0, 5), "same seed, same samples");
        assertArrayEquals(NormalBaseSamples.qmc(64, 5, 11), z);
        assertNotEquals(z[3], s.baseSamples(1, 5)[3], "each metric has its own samples");
        assertNotEquals(z[3], Sampler.qmc(64, 12).baseSamples(0, 5)[3], "another seed, other samples");
        assertTrue(s.baseSamples(0, 6).length == 64 * 6);
    }

    @Test
    void fixedSamplesAreCheckedAgainstTheShapeAsked() {
        double[] z = new double[8 * 3];
        Sampler s = Sampler.fixed(8, z);
        assertSame(z, s.baseSamples(0, 3));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> s.baseSamples(0, 4));
        assertTrue(wrong.getMessage().contains("8×4"), wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.baseSamples(1, 3), "no samples for a second metric");
    }
}
