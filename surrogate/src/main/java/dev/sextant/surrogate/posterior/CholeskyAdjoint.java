package dev.sextant.surrogate.posterior;

import dev.sextant.surrogate.linalg.LinearAlgebra;

/** Reverse-mode derivative of the Cholesky factorisation Σ = L·Lᵀ (small q, plain O(q³) loops). */
public final class CholeskyAdjoint {
    private static final LinearAlgebra CPU = LinearAlgebra.cpu();

    private CholeskyAdjoint() {
    }

    /**
     * Given L (q×q lower) and L̄ = dV/dL (lower part used), returns the symmetric S with dV = Σ_ij S_ij dΣ_ij
     * for symmetric perturbations: S = sym(L⁻ᵀ Φ(Lᵀ L̄) L⁻¹), Φ = lower triangle with halved diagonal.
     */
    public static double[] covarianceGradient(double[] l, double[] dL, int q) {
        double[] p = new double[q * q];
        // P = Φ(Lᵀ L̄): P_ij = Σ_k L_ki L̄_kj for i ≥ j
        for (int i = 0; i < q; i++) {
            for (int j = 0; j <= i; j++) {
                double acc = 0;
                for (int k = i; k < q; k++) {   // L_ki = 0 for k < i
                    acc += l[k * q + i] * dL[k * q + j];
                }
                p[i * q + j] = i == j ? 0.5 * acc : acc;
            }
        }
        // G = L⁻ᵀ P L⁻¹. Y = L⁻ᵀ P; then Gᵀ = L⁻ᵀ Yᵀ (only sym(G) = sym(Gᵀ) is needed)
        CPU.solveLowerTransposed(l, q, p, q);
        double[] g = new double[q * q];
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++) {
                g[i * q + j] = p[j * q + i];
            }
        }
        CPU.solveLowerTransposed(l, q, g, q);
        double[] s = new double[q * q];
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++) {
                s[i * q + j] = 0.5 * (g[i * q + j] + g[j * q + i]);
            }
        }
        return s;
    }
}
