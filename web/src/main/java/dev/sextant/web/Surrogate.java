package dev.sextant.web;

import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Trial;

import java.util.List;

/** A fitted model of one metric, as the plots need it. */
interface Surrogate {
    /**
     * Posterior mean and standard deviation of the metric, in its own units.
     *
     * @param unit q×d row-major points of the unit cube (the space's encoding), not modified
     * @return {mean[q], std[q]}
     */
    double[][] predict(double[] unit, int q);

    /** Fitted hyperparameters in natural units (e.g. ARD lengthscales), for display; empty when unknown. */
    default java.util.Map<String, Double> hyperparameters() {
        return java.util.Map.of();
    }

    /** Fits a surrogate of {@code metric} to the completed trials of a study. */
    interface Factory {
        /** @throws IllegalStateException (→ 409) when the trials cannot support a model yet */
        Surrogate fit(StudySpec spec, List<Trial> completed, String metric);
    }
}
