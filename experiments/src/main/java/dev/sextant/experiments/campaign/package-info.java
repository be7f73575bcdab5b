/**
 * Campaign files (YAML) and the campaign runner. {@link dev.sextant.experiments.campaign.CampaignParser} validates a
 * file with line-precise errors into a {@link dev.sextant.experiments.campaign.Campaign};
 * {@link dev.sextant.experiments.campaign.CampaignRunner} runs or resumes it against a store with batches, a thread
 * pool and an {@link dev.sextant.experiments.campaign.Evaluator} (builtin test functions and steering workloads, or a
 * user command). Many runners and workers share one study: the budget is claimed under the store's generation lease,
 * dead workers' trials are re-queued by heartbeat timeout, and {@code CampaignRunner.interrupt} stops a campaign
 * cleanly (results kept, in-flight trials re-queued, evaluator process groups killed).
 */
package dev.sextant.experiments.campaign;
