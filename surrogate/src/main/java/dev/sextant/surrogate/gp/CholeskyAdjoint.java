package dev.sextant.surrogate.gp;

/** Reverse-mode derivative of the Cholesky factorisation Σ = L·Lᵀ (small q, plain O(q³) loops). */
final class CholeskyAdjoint {
    private CholeskyAdjoint() {
    }

    /**
     * Given L (q×q lower) and L̄ = dV/dL (lower part used), returns the symmetric S with dV = Σ_ij S_ij dΣ_ij
     * for symmetric perturbations: S = sym(L⁻ᵀ Φ(Lᵀ L̄) L⁻¹), Φ = lower triangle with halved diagonal.
     */
    static double[] covarianceGradient(double[] l, double[] dL, int q) {
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
        backward(l, q, p);
        double[] g = new double[q * q];
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++) {
                g[i * q + j] = p[j * q + i];
            }
        }
        backward(l, q, g);
        double[] s = new double[q * q];
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++) {
                s[i * q + j] = 0.5 * (g[i * q + j] + g[j * q + i]);
            }
        }
        return s;
    }

    /** b (q×q) ← L⁻ᵀ b. */
    private static void backward(double[] l, int q, double[] b) {
        for (int i = q - 1; i >= 0; i--) {
            for (int c = 0; c < q; c++) {
                b[i * q + c] /= l[i * q + i];
            }
            for (int k = 0; k < i; k++) {
                double lik = l[i * q + k];
                for (int c = 0; c < q; c++) {
                    b[k * q + c] -= lik * b[i * q + c];
                }
            }
        }
    }
}
