package dev.sextant.acquisition.mc;

/**
 * qLogNEHVI's per-sample fronts need more boxes than it keeps (many objectives and a large front; the exact box count
 * grows like k^(m−1)): the caller can use qNParEGO instead, as the generator does.
 */
public final class TooManyBoxesException extends IllegalStateException {
    TooManyBoxesException(String message) {
        super(message);
    }
}
