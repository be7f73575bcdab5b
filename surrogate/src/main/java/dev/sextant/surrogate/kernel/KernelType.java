package dev.sextant.surrogate.kernel;

import java.util.Locale;

/** The stationary base functions g(r²) available for ARD kernels k = outputscale · g(r²). */
public enum KernelType {
    /** (1 + √5 r + 5r²/3) exp(−√5 r) */
    MATERN52,
    /** (1 + √3 r) exp(−√3 r) */
    MATERN32,
    /** exp(−r²/2) */
    RBF;

    /** The names {@link #parse} accepts, for error messages. */
    public static final String NAMES = "rbf, matern52, matern32";

    /**
     * A kernel type by name, case-insensitive, ignoring '-' and '_': rbf (also se, sqexp), matern52 (also matern),
     * matern32.
     *
     * @throws IllegalArgumentException naming the accepted names
     */
    public static KernelType parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        switch (key) {
            case "rbf": case "se": case "sqexp": return RBF;
            case "matern52": case "matern": return MATERN52;
            case "matern32": return MATERN32;
            default: throw new IllegalArgumentException("unknown kernel '" + name + "'; use one of " + NAMES
                    + ", or a sum (+) / product (*) of them such as matern52+rbf");
        }
    }
}
