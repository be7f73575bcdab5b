/**
 * Model predictions for dashboards: {@link dev.sextant.acquisition.predict.ModelPredictions} fits a metric's model
 * with the Bayesian generator's own code and options ({@code BayesianGenerator.fitMetric}; with several objectives {@code fitMetricChoosingNoise}, the noise prior chosen
 * as the multi-objective generator chooses it) and predicts mean and
 * standard deviation at parameter maps, in original units; the web module's {@code /predict} and
 * {@code /importance} read it.
 */
package dev.sextant.acquisition.predict;
