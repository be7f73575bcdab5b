/**
 * Reward-guided diffusion steering workloads with exact scores. A Gaussian-mixture data distribution
 * ({@link dev.sextant.experiments.steering.GaussianMixture}) stays a Gaussian mixture when noised by the VP diffusion
 * and when tilted by the Gaussian-bump reward, so the prior score, the guidance term and the target p·r^β are all
 * exact. {@link dev.sextant.experiments.steering.SteeringProblem} samples with a guided sampler configured by a
 * {@link dev.sextant.experiments.steering.SamplerConfig} and measures, each with a standard error
 * ({@link dev.sextant.experiments.steering.SteeringMetrics}): reward, divergence from the tilted target, divergence from
 * the base model ({@code base_divergence}; reward against it is the steering trade-off a multi-objective campaign
 * maps) and diversity.
 */
package dev.sextant.experiments.steering;
