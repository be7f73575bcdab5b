/**
 * Dense linear algebra behind one backend interface, {@link dev.sextant.surrogate.linalg.LinearAlgebra}: row-major
 * {@code double[]}, output arguments, "not positive definite" reported as a result. The CPU implementation uses EJML
 * and hand-blocked loops; {@link dev.sextant.surrogate.linalg.LinearAlgebra#select(int)} picks the optional CUDA backend.
 * {@link dev.sextant.surrogate.linalg.Jitter} is the jitter ladder.
 */
package dev.sextant.surrogate.linalg;
