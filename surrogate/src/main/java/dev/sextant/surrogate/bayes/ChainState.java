package dev.sextant.surrogate.bayes;

import java.util.List;

/**
 * Where a fully Bayesian GP's chain stopped, to continue it on the next generation's data: the sampled vector's
 * parameter names (a continuation needs the same names, i.e. the same kernel family, noise model and prior), its last
 * point, and the bracket widths for the next chain (see {@link SliceSampler}). Immutable (accessors return copies).
 */
public record ChainState(List<String> parameterNames, double[] point, double[] widths) {
    public ChainState {
        parameterNames = List.copyOf(parameterNames);
        if (point.length != parameterNames.size() || widths.length != point.length) {
            throw new IllegalArgumentException("a chain state needs one point value and one width per parameter");
        }
        for (double w : widths) {
            if (!(w > 0)) throw new IllegalArgumentException("bracket widths must be > 0, got " + w);
        }
        point = point.clone();
        widths = widths.clone();
    }

    @Override
    public double[] point() {
        return point.clone();
    }

    @Override
    public double[] widths() {
        return widths.clone();
    }
}
