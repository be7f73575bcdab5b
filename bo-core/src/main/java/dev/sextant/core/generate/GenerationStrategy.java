package dev.sextant.core.generate;

import dev.sextant.core.study.StudySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Which generator proposes the next trials, by trial count: e.g. Sobol until 10 trials, then a Bayesian generator.
 * Immutable and thread-safe.
 */
public final class GenerationStrategy {
    private final List<CandidateGenerator> generators;
    private final int[] until;

    private GenerationStrategy(List<CandidateGenerator> generators, int[] until) {
        this.generators = List.copyOf(generators);
        this.until = until;
    }

    /** Scrambled Sobol for every trial. */
    public static GenerationStrategy sobolOnly() {
        return builder().last(new SobolGenerator()).build();
    }

    /**
     * The installed default strategy for a spec: the first {@link StrategyProvider} found by {@link ServiceLoader}
     * (e.g. the acquisition module's Bayesian strategy), or {@link #sobolOnly()} when none is installed.
     */
    public static GenerationStrategy defaultFor(StudySpec spec) {
        for (StrategyProvider provider : ServiceLoader.load(StrategyProvider.class)) {
            GenerationStrategy s = provider.strategyFor(spec);
            if (s != null) {
                return s;
            }
        }
        return sobolOnly();
    }

    /**
     * Validates a spec's generation settings (acquisition name and options) with every installed
     * {@link StrategyProvider}: {@link dev.sextant.core.study.Study#create} calls it before storing anything, campaign
     * files and REST bodies are checked through it. With no provider installed (bo-core alone, Sobol only) every
     * setting is accepted. Not modified.
     *
     * @throws dev.sextant.core.study.InvalidGenerationOptionException naming the first unknown or invalid option, what
     *                                                                  was given and what is allowed
     */
    public static void validate(StudySpec spec) {
        for (StrategyProvider provider : ServiceLoader.load(StrategyProvider.class)) {
            provider.validate(spec);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The generator for the next trial when {@code trialCount} non-failed trials exist. */
    public CandidateGenerator select(int trialCount) {
        for (int i = 0; i < until.length; i++) {
            if (trialCount < until[i]) {
                return generators.get(i);
            }
        }
        return generators.get(generators.size() - 1);
    }

    /**
     * How many trials, starting at {@code trialCount}, the generator {@link #select}ed for it keeps producing before
     * the strategy switches (Integer.MAX_VALUE for the last generator). At least 1.
     */
    public int remaining(int trialCount) {
        for (int i = 0; i < until.length; i++) {
            if (trialCount < until[i]) {
                return until[i] - trialCount;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** The generators in order. */
    public List<CandidateGenerator> generators() {
        return generators;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("GenerationStrategy[");
        for (int i = 0; i < generators.size(); i++) {
            sb.append(generators.get(i).name());
            if (i < until.length) {
                sb.append(" until ").append(until[i]).append(", then ");
            }
        }
        return sb.append(']').toString();
    }

    /** {@code builder().then(sobol, 10).last(bayes).build()}. */
    public static final class Builder {
        private final List<CandidateGenerator> generators = new ArrayList<>();
        private final List<Integer> until = new ArrayList<>();
        private CandidateGenerator last;

        private Builder() {
        }

        /** Use {@code generator} while fewer than {@code untilTrialCount} non-failed trials exist. */
        public Builder then(CandidateGenerator generator, int untilTrialCount) {
            if (generator == null) {
                throw new IllegalArgumentException("generator is null");
            }
            int previous = until.isEmpty() ? 0 : until.get(until.size() - 1);
            if (untilTrialCount < previous) {
                throw new IllegalArgumentException("generator '" + generator.name() + "' runs until " + untilTrialCount
                        + " trials, before the previous step's " + previous + "; give increasing counts");
            }
            generators.add(generator);
            until.add(untilTrialCount);
            return this;
        }

        /** The generator used from then on. */
        public Builder last(CandidateGenerator generator) {
            if (generator == null) {
                throw new IllegalArgumentException("generator is null");
            }
            this.last = generator;
            return this;
        }

        public GenerationStrategy build() {
            if (last == null) {
                throw new IllegalStateException("a generation strategy needs a last generator; call last(...)");
            }
            List<CandidateGenerator> all = new ArrayList<>(generators);
            all.add(last);
            return new GenerationStrategy(all, until.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
