package dev.sextant.experiments.steering;

import java.util.Locale;

/** How the reward guidance term of the score is computed. */
public enum GuidanceMode {
    /** The exact h-transform term ∇log p̃_t − ∇log p_t (p̃ ∝ p·r^β), available in closed form for a mixture prior. */
    EXACT,
    /** DPS-style: β·∇log r at the Tweedie estimate x̂₀(x_t), with the Jacobian approximated by I/α_t (biased). */
    TWEEDIE;

    public static GuidanceMode parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "exact": return EXACT;
            case "tweedie": case "dps": return TWEEDIE;
            default: throw new IllegalArgumentException("unknown guidance mode '" + text + "'; use exact or tweedie");
        }
    }
}
