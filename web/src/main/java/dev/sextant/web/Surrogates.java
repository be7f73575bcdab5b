package dev.sextant.web;

import dev.sextant.acquisition.predict.ModelPredictions;
import dev.sextant.core.space.SearchSpace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The surrogate the plots use: the acquisition module's {@link ModelPredictions} (a GP fitted to one metric of the
 * completed trials as the Bayesian generator fits it). Unit-cube points are decoded into parameter values; points
 * that violate the space's parameter constraints get NaN (shown as gaps).
 */
final class Surrogates {
    static final int CHUNK = 512;

    private Surrogates() {}

    static Surrogate.Factory standard() {
        return (spec, completed, metric) -> {
            ModelPredictions model = ModelPredictions.fit(spec, completed, metric);
            SearchSpace space = spec.space();
            int d = space.dimension();
            return new Surrogate() {
                @Override
                public double[][] predict(double[] unit, int q) {
                    double[] mean = new double[q], std = new double[q];
                    Arrays.fill(mean, Double.NaN);
                    Arrays.fill(std, Double.NaN);
                    List<Map<String, Object>> batch = new ArrayList<>(CHUNK);
                    List<Integer> index = new ArrayList<>(CHUNK);
                    for (int i = 0; i < q; i++) {
                        Map<String, Object> p = space.decode(Arrays.copyOfRange(unit, i * d, (i + 1) * d));
                        if (!space.satisfiesConstraints(p)) continue;
                        batch.add(p);
                        index.add(i);
                        if (batch.size() == CHUNK || i == q - 1) flush(batch, index, mean, std);
                    }
                    flush(batch, index, mean, std);
                    return new double[][] {mean, std};
                }

                private void flush(List<Map<String, Object>> batch, List<Integer> index, double[] mean, double[] std) {
                    if (batch.isEmpty()) return;
                    List<ModelPredictions.Prediction> out = model.predict(batch);
                    for (int k = 0; k < out.size(); k++) {
                        mean[index.get(k)] = out.get(k).mean();
                        std[index.get(k)] = out.get(k).std();
                    }
                    batch.clear();
                    index.clear();
                }

                @Override
                public Map<String, Double> hyperparameters() {
                    return model.hyperparameters();
                }
            };
        };
    }
}
