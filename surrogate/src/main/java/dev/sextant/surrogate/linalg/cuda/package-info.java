/**
 * The GPU backend: our own CUDA kernels (PTX resources) launched through the JCuda driver API.
 */
package dev.sextant.surrogate.linalg.cuda;
