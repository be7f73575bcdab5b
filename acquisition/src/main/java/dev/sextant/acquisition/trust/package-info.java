/**
 * Trust regions for higher dimensions (TuRBO-1, Eriksson et al. 2019), used by the Bayesian generator when the
 * generation option {@code trust_region} is {@code on}, or {@code auto} in spaces of at least 20 encoded dimensions:
 * qLogNEI (or the study's MC acquisition) is maximised inside a hyper-rectangle around the incumbent instead of the
 * whole unit cube. Start from {@link dev.sextant.acquisition.trust.TrustRegionPlan} (what one generation call does),
 * {@link dev.sextant.acquisition.trust.TrustRegionRule} (expand, shrink, restart) and
 * {@link dev.sextant.acquisition.trust.TrustRegionReplay} (the state derived from the completed trials alone, so that
 * several workers and a resumed campaign see the same region; no state is kept between calls).
 * {@link dev.sextant.acquisition.trust.TrustRegion} is the box itself and optimises an acquisition inside it.
 */
package dev.sextant.acquisition.trust;
