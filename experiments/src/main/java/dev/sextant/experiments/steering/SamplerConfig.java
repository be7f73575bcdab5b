package dev.sextant.experiments.steering;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A guided sampler's configuration — the search space of the steering workload.
 *
 * @param guidanceScale  w ≥ 0, multiplies the guidance term (1 = the nominal strength; 0 = no guidance)
 * @param beta           reward temperature β ≥ 0: the target is ∝ p(x)·r(x)^β
 * @param steps          number of denoising steps ≥ 1
 * @param eta            stochasticity η ∈ [0, 1] (0: deterministic DDIM / probability-flow ODE, 1: DDPM / reverse SDE)
 * @param guidanceStart  guidance is applied only while t ≤ guidanceStart (t runs from 1 down to 0); in [0, 1]
 * @param clip           the guidance term's Euclidean norm is clipped to this value; ≤ 0 or infinite = no clipping
 * @param sampler        the integrator
 * @param guidance       how the guidance term is computed
 * @param samples        number of generated samples ≥ 2 (metrics are estimates from these)
 */
public record SamplerConfig(double guidanceScale, double beta, int steps, double eta, double guidanceStart,
                            double clip, SamplerKind sampler, GuidanceMode guidance, int samples) {
    /** Parameter names understood by {@link #fromParameters}. */
    public static final List<String> PARAMETERS = List.of("guidance_scale", "beta", "steps", "eta", "guidance_start",
            "clip", "sampler", "guidance", "samples");

    public SamplerConfig {
        check(guidanceScale >= 0 && Double.isFinite(guidanceScale), "guidance_scale must be finite and >= 0, got " + guidanceScale);
        check(beta >= 0 && Double.isFinite(beta), "beta must be finite and >= 0, got " + beta);
        check(steps >= 1, "steps must be >= 1, got " + steps);
        check(eta >= 0 && eta <= 1, "eta must be in [0, 1], got " + eta);
        check(guidanceStart >= 0 && guidanceStart <= 1, "guidance_start must be in [0, 1], got " + guidanceStart);
        check(!Double.isNaN(clip), "clip must not be NaN");
        check(samples >= 2, "samples must be >= 2, got " + samples);
        java.util.Objects.requireNonNull(sampler, "sampler");
        java.util.Objects.requireNonNull(guidance, "guidance");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Defaults: w = 1, β = 1, 50 steps, η = 0, guidance from the start, no clipping, DDIM, exact guidance, 256 samples. */
    public static SamplerConfig defaults() {
        return new SamplerConfig(1, 1, 50, 0, 1, 0, SamplerKind.DDIM, GuidanceMode.EXACT, 256);
    }

    /**
     * A configuration from trial parameters (names in {@link #PARAMETERS}; missing ones take {@link #defaults()}).
     *
     * @throws IllegalArgumentException naming an unknown parameter or a bad value
     */
    public static SamplerConfig fromParameters(Map<String, ?> p) {
        for (String key : p.keySet()) {
            if (!PARAMETERS.contains(key)) {
                throw new IllegalArgumentException("the steering workload has no parameter '" + key + "'; known: "
                        + String.join(", ", PARAMETERS));
            }
        }
        SamplerConfig d = defaults();
        return new SamplerConfig(num(p, "guidance_scale", d.guidanceScale), num(p, "beta", d.beta),
                (int) Math.round(num(p, "steps", d.steps)), num(p, "eta", d.eta), num(p, "guidance_start", d.guidanceStart),
                num(p, "clip", d.clip),
                p.containsKey("sampler") ? SamplerKind.parse(String.valueOf(p.get("sampler"))) : d.sampler,
                p.containsKey("guidance") ? GuidanceMode.parse(String.valueOf(p.get("guidance"))) : d.guidance,
                (int) Math.round(num(p, "samples", d.samples)));
    }

    private static double num(Map<String, ?> p, String key, double fallback) {
        Object v = p.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected a number, got '" + v + "'");
        }
    }

    /** The configuration as parameter values. */
    public Map<String, Object> toParameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("guidance_scale", guidanceScale);
        m.put("beta", beta);
        m.put("steps", steps);
        m.put("eta", eta);
        m.put("guidance_start", guidanceStart);
        m.put("clip", clip);
        m.put("sampler", sampler.name().toLowerCase(java.util.Locale.ROOT));
        m.put("guidance", guidance.name().toLowerCase(java.util.Locale.ROOT));
        m.put("samples", samples);
        return m;
    }
}
