/**
 * Model predictions for dashboards: {@link dev.sextant.acquisition.predict.ModelPredictions} fits a metric's GP to
 * a study's completed trials and predicts mean and standard deviation at parameter maps, in original units.
 */
package dev.sextant.acquisition.predict;
