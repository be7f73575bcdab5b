/**
 * Model predictions for dashboards: {@link dev.sextant.acquisition.predict.ModelPredictions} fits a metric's model
 * with the Bayesian generator's own code and options ({@code BayesianGenerator.fitMetric}) and predicts mean and
 * standard deviation at parameter maps, in original units; the web module's {@code /predict} and
 * {@code /importance} read it.
 */
package dev.sextant.acquisition.predict;
