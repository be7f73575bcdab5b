package dev.sextant.surrogate.select;

import dev.sextant.surrogate.kernel.KernelType;

import java.util.Locale;

/**
 * One candidate model of a metric: outcome transform family, stationary ARD kernel, and whether the inputs are
 * warped by learned Kumaraswamy CDFs.
 */
public record ModelChoice(TransformFamily transform, KernelType kernel, boolean warped) {
    public ModelChoice {
        if (transform == null || kernel == null) {
            throw new IllegalArgumentException("a model choice needs a transform family and a kernel type");
        }
    }

    /** e.g. "power/matern52+warp". */
    public String label() {
        return transform.label() + "/" + kernel.name().toLowerCase(Locale.ROOT) + (warped ? "+warp" : "");
    }

    public ModelChoice withTransform(TransformFamily t) {
        return new ModelChoice(t, kernel, warped);
    }

    public ModelChoice withKernel(KernelType k) {
        return new ModelChoice(transform, k, warped);
    }

    public ModelChoice withWarped(boolean w) {
        return new ModelChoice(transform, kernel, w);
    }
}
