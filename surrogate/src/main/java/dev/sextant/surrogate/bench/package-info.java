/** Benchmark programs (timings are measured here, never in unit tests). */
package dev.sextant.surrogate.bench;
