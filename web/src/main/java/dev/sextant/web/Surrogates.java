package dev.sextant.web;

/** The surrogate the plots use: the acquisition module's model predictions (one GP per metric). */
final class Surrogates {
    private Surrogates() {}

    static Surrogate.Factory standard() {
        return (spec, completed, metric) -> {
            throw new UnsupportedOperationException("model predictions are not available in this build");
        };
    }
}
