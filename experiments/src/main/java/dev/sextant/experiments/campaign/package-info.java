/**
 * Campaign files (YAML) and the campaign runner. {@link dev.sextant.experiments.campaign.CampaignParser} validates a
 * file into a {@link dev.sextant.experiments.campaign.Campaign}, reporting every problem of a file at once, each with
 * its line;
 * {@link dev.sextant.experiments.campaign.CampaignRunner} runs or resumes it against a store with batches, a thread
 * pool and an {@link dev.sextant.experiments.campaign.Evaluator} (builtin test functions and steering workloads, or a
 * user command). With one process and {@code parallelism: 1} a seeded campaign is reproducible (see
 * {@code CampaignRunner}).
 * Many runners and workers share one study: the budget is claimed under the store's generation lease,
 * dead workers' trials are re-queued by heartbeat timeout, and {@code CampaignRunner.interrupt} stops a campaign
 * cleanly (results kept, in-flight trials re-queued, evaluator process groups killed). Command evaluators' process
 * groups are recorded with their trials ({@code ProcessGroups}) so that the next run kills what a dead runner and its
 * watchdog left behind; a runner that starts alone on its study warms its generator up on a background thread so
 * that its first generation under the lease does not run on cold code (one that joins workers already at work does
 * not: it takes the trials a warm worker queues for it); a worker started before its study exists
 * ({@code sextant worker --wait}) warms up while it waits ({@code CampaignRunner.warmUpSynthetic}) and skips that.
 */
package dev.sextant.experiments.campaign;
