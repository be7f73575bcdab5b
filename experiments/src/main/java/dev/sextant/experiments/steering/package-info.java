/**
 * Reward-guided diffusion steering workloads.
 */
package dev.sextant.experiments.steering;
