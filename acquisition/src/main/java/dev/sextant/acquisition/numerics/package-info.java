/**
 * Numerically stable scalar helpers shared by the acquisition functions: normal density/CDF in log space,
 * erfcx, the log of the expected-improvement function h(z) = φ(z) + zΦ(z), fat-tailed softplus and sigmoid
 * (Ament et al. 2023), and smooth maxima. Start from {@link dev.sextant.acquisition.numerics.SafeMath}.
 */
package dev.sextant.acquisition.numerics;
