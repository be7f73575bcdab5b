package dev.sextant.surrogate.bayes;

/**
 * How long a chain runs: {@code warmup} sweeps discarded (the step widths adapt during them), then
 * {@code samples} retained draws, one every {@code thin} sweeps; one sweep updates every coordinate once. Seeded:
 * the same options, density and start give the same draws.
 */
public record SamplerOptions(int warmup, int samples, int thin, long seed) {
    public SamplerOptions {
        if (warmup < 0) throw new IllegalArgumentException("warm-up sweeps must be >= 0, got " + warmup);
        if (samples < 1) throw new IllegalArgumentException("samples must be >= 1, got " + samples);
        if (thin < 1) throw new IllegalArgumentException("thinning must be >= 1, got " + thin);
    }

    /** Total sweeps: warmup + samples · thin. */
    public int sweeps() {
        return warmup + samples * thin;
    }
}
