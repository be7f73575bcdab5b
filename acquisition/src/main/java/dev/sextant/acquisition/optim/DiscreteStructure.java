package dev.sextant.acquisition.optim;

import java.util.List;

/**
 * The discrete part of a mixed unit-cube encoding (integers, ordinals, one-hot categories), as the optimiser
 * needs it: snapping a relaxed point to a valid one, and the discrete neighbours of a valid point.
 */
public interface DiscreteStructure {
    /** Nearest valid point (new array); u (length d) not modified. */
    double[] snap(double[] u);

    /** Discrete neighbours of a snapped point (±1 level, every other category). */
    List<double[]> neighbours(double[] snapped);
}
