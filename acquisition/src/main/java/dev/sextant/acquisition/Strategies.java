package dev.sextant.acquisition;

import dev.sextant.acquisition.generate.GenerationOptions;
import dev.sextant.acquisition.lookahead.LookaheadGenerators;
import dev.sextant.acquisition.mc.McAcquisitions;
import dev.sextant.core.generate.Candidate;
import dev.sextant.core.generate.CandidateGenerator;
import dev.sextant.core.generate.GenerationRequest;
import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.generate.SobolGenerator;
import dev.sextant.core.study.GenerationSettings;
import dev.sextant.core.study.InvalidGenerationOptionException;
import dev.sextant.core.study.StudySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Generation strategies: Sobol while data is scarce, then Bayesian optimisation. */
public final class Strategies {
    private Strategies() {}

    /** Non-myopic acquisitions ({@link LookaheadGenerators}); "kg" is the one-shot knowledge gradient. */
    private static final List<String> LOOKAHEAD = List.of("lookahead2", "lookahead3", "kg");

    /** Valid names for {@link #forAcquisition}. */
    public static List<String> names() {
        List<String> n = new ArrayList<>(BayesianGenerator.ACQUISITIONS);
        n.addAll(LOOKAHEAD);
        n.add("sobol");
        return n;
    }

    /**
     * Sobol for spec.generation().initialTrials(d) trials (max(5, 2·d) unless set ≥ 0), then a
     * {@link BayesianGenerator} with spec.generation().acquisition().
     */
    public static GenerationStrategy defaultFor(StudySpec spec) {
        String a = spec.generation().acquisition();
        try {
            return forAcquisition(a, spec);
        } catch (InvalidGenerationOptionException e) {
            // a stored study whose settings are not valid (any more) still opens, so that it can be read; generating
            // fails with this error (Study reports it as InvalidStoredSettingsException)
            return GenerationStrategy.builder().last(new InvalidSettingsGenerator(a, e)).build();
        }
    }

    /**
     * Validates a spec's generation settings: the acquisition name, every option ({@link GenerationOptions#parse}) and
     * what the acquisition's generator checks when built (e.g. a lookahead tree's shape). Installed as bo-core's
     * validation hook ({@link BayesianStrategyProvider#validate}), so that every study created is checked.
     *
     * @throws InvalidGenerationOptionException naming the first invalid option, what was given and what is allowed
     */
    public static void validate(StudySpec spec) {
        String a = spec.generation().acquisition();
        GenerationOptions.checkAcquisition(a, names());
        GenerationOptions.of(spec);
        forAcquisition(a, spec);
    }

    /** The generator of a study whose stored settings are invalid: every call throws the validation error. */
    private record InvalidSettingsGenerator(String acquisition, InvalidGenerationOptionException error)
        implements CandidateGenerator {
        @Override
        public String name() {
            return "bayes:" + acquisition;
        }

        @Override
        public List<Candidate> generate(GenerationRequest request) {
            throw error;
        }
    }

    /**
     * As {@link #defaultFor} with the named acquisition ("qlognei", "qnei", "qei", "qlogei", "qucb", "qpi", "qsr",
     * the non-myopic "lookahead2", "lookahead3", "kg", the multi-objective "qlognehvi" and "qnparego", or "sobol" for
     * Sobol only; null: the study's default, {@link GenerationSettings#defaultAcquisition(int)}). Unknown names, and a
     * single-objective acquisition for a study with several objectives ({@link GenerationOptions#checkObjectives}):
     * {@link InvalidGenerationOptionException} listing the valid ones; a lookahead generator's invalid options too.
     */
    public static GenerationStrategy forAcquisition(String name, StudySpec spec) {
        String a = name == null ? GenerationSettings.defaultAcquisition(spec.objectives().size())
            : name.trim().toLowerCase(Locale.ROOT);
        if (a.equals("sobol")) return GenerationStrategy.sobolOnly();
        if (names().contains(a)) GenerationOptions.checkObjectives(a, spec);
        Optional<CandidateGenerator> lookahead = LookaheadGenerators.forName(a, spec);
        if (lookahead.isEmpty() && !BayesianGenerator.ACQUISITIONS.contains(a)) {
            GenerationOptions.checkAcquisition(name, names());
        }
        int init = spec.generation() == null ? Math.max(5, 2 * spec.space().dimension())
            : spec.generation().initialTrials(spec.space().dimension());
        CandidateGenerator model = lookahead.isPresent() ? lookahead.get() : new BayesianGenerator(a);
        return GenerationStrategy.builder().then(new SobolGenerator(), init).last(model).build();
    }
}
