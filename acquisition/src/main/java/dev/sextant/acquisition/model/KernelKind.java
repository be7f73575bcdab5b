package dev.sextant.acquisition.model;

/** Stationary ARD kernels k = outputscale · base(r), r = ‖(x − x′)/ℓ‖. */
public enum KernelKind {
    /** base = (1 + √5 r + 5r²/3)·exp(−√5 r). */
    MATERN52,
    /** base = exp(−r²/2). */
    RBF;

    private static final double SQRT5 = Math.sqrt(5);

    /** base(r) from r² (r2 ≥ 0). */
    double base(double r2) {
        if (this == RBF) {
            return Math.exp(-0.5 * r2);
        }
        double r = Math.sqrt(r2);
        return (1 + SQRT5 * r + 5.0 / 3.0 * r2) * Math.exp(-SQRT5 * r);
    }

    /** 2·d base/d(r²): so that ∂base/∂x_i = dBase2(r²)·(x_i − x′_i)/ℓ_i². */
    double dBase2(double r2) {
        if (this == RBF) {
            return -Math.exp(-0.5 * r2);
        }
        double r = Math.sqrt(r2);
        return -5.0 / 3.0 * (1 + SQRT5 * r) * Math.exp(-SQRT5 * r);
    }

    public static KernelKind parse(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "")) {
            case "matern52": case "matern": return MATERN52;
            case "rbf": case "se": case "sqexp": return RBF;
            default: throw new IllegalArgumentException("unknown kernel '" + name + "'; use matern52 or rbf");
        }
    }
}
