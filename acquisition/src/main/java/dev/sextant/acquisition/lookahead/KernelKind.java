package dev.sextant.acquisition.lookahead;

/** Stationary ARD kernel families the lookahead model evaluates itself (it needs k and ∂k/∂x at arbitrary points). */
public enum KernelKind {
    /** Matérn ν = 5/2: s²(1 + √5 r + 5r²/3)·exp(−√5 r), r = ‖(a − b)/ℓ‖. */
    MATERN52,
    /** Squared exponential: s²·exp(−r²/2). */
    RBF
}
