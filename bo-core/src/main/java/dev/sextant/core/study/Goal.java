package dev.sextant.core.study;

/** Direction of optimisation of the objective metric. */
public enum Goal {
    MINIMIZE, MAXIMIZE;

    /** Whether {@code a} is strictly better than {@code b} under this goal. */
    public boolean isBetter(double a, double b) {
        return this == MINIMIZE ? a < b : a > b;
    }
}
