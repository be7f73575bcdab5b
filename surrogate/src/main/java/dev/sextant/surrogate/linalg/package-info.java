/**
 * Dense linear algebra behind one backend interface; the CPU implementation uses EJML.
 */
package dev.sextant.surrogate.linalg;
