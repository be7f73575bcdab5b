package dev.sextant.experiments.steering;

import java.util.Locale;

/** The reverse-time integrator of the guided sampler. */
public enum SamplerKind {
    /** Generalised DDIM; η = 0 deterministic, η = 1 the DDPM posterior variance. */
    DDIM,
    /** DDIM with η forced to 1 (ancestral, stochastic). */
    DDPM,
    /** Euler(–Maruyama) on the reverse SDE family dx = [−½βx − ½(1+η²)β·s]dt + η√β dw̄ (η = 0: probability-flow ODE). */
    EULER;

    public static SamplerKind parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (t) {
            case "ddim": return DDIM;
            case "ddpm": return DDPM;
            case "euler": case "euler-maruyama": case "em": case "sde": return EULER;
            default: throw new IllegalArgumentException("unknown sampler '" + text + "'; use ddim, ddpm or euler");
        }
    }
}
