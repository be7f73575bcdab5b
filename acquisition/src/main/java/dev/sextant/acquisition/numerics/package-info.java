/**
 * Numerically stable scalar helpers shared by the acquisition functions and the lookahead trees (the one place for
 * them): normal density/CDF and quantile, in log space where needed, erfcx, the log of the expected-improvement
 * function h(z) = φ(z) + zΦ(z) (with its derivative, fast, for the trees), fat-tailed softplus and sigmoid
 * (Ament et al. 2023), and smooth maxima. Start from {@link dev.sextant.acquisition.numerics.SafeMath}.
 */
package dev.sextant.acquisition.numerics;
