package dev.sextant.experiments.campaign;

import java.time.Duration;

/**
 * When a campaign stops: after {@code trials} finished (COMPLETED or FAILED) trials in the study, counting earlier
 * runs, and/or after {@code wallTime} of this run (null = no limit; at least one is set). When the wall time is up no
 * new trial is started and the running ones are finished.
 */
public record Budget(Integer trials, Duration wallTime) {
    public Budget {
        if (trials == null && wallTime == null) {
            throw new IllegalArgumentException("a budget needs trials and/or wall_time");
        }
        if (trials != null && trials < 1) {
            throw new IllegalArgumentException("budget.trials must be >= 1, got " + trials);
        }
        if (wallTime != null && (wallTime.isNegative() || wallTime.isZero())) {
            throw new IllegalArgumentException("budget.wall_time must be positive, got " + wallTime);
        }
    }

    public int trialLimit() {
        return trials == null ? Integer.MAX_VALUE : trials;
    }
}
