/**
 * Dense linear algebra behind one backend interface, {@link dev.sextant.surrogate.linalg.LinearAlgebra}: row-major
 * {@code double[]}, output arguments, "not positive definite" reported as a result. The CPU implementation runs its
 * O(n³) kernels (Cholesky, L⁻¹, L⁻ᵀL⁻¹) from n = 64 on arrays of rows in loops the JIT vectorises, from n = 192 on two
 * threads ({@link dev.sextant.surrogate.linalg.Parallel}), and uses EJML for general products;
 * {@link dev.sextant.surrogate.linalg.LinearAlgebra#select(int)} picks the optional CUDA backend.
 * {@link dev.sextant.surrogate.linalg.Jitter} is the one jitter ladder (throwing the one
 * {@link dev.sextant.surrogate.linalg.NotPositiveDefiniteException}; relative to the diagonal, then, for a conditional
 * covariance whose diagonal the conditioning has all but cancelled, relative to the prior variance); the per-vector solves
 * ({@code solveLowerVector}, {@code solveUpperVector}) serve the posteriors' per-candidate work, so every dense
 * operation of fitting, posteriors and acquisitions goes through this interface.
 */
package dev.sextant.surrogate.linalg;
