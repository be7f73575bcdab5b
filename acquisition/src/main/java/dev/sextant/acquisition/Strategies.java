package dev.sextant.acquisition;

import dev.sextant.acquisition.lookahead.LookaheadGenerators;
import dev.sextant.core.generate.CandidateGenerator;
import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.generate.SobolGenerator;
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
        String a = spec.generation() == null || spec.generation().acquisition() == null
            ? "qlognei" : spec.generation().acquisition();
        return forAcquisition(a, spec);
    }

    /**
     * As {@link #defaultFor} with the named acquisition ("qlognei", "qnei", "qei", "qlogei", "qucb", "qpi", "qsr",
     * the non-myopic "lookahead2", "lookahead3", "kg", or "sobol" for Sobol only). Unknown names: IllegalArgumentException listing the valid ones.
     */
    public static GenerationStrategy forAcquisition(String name, StudySpec spec) {
        String a = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (a.equals("sobol")) return GenerationStrategy.sobolOnly();
        Optional<CandidateGenerator> lookahead = LookaheadGenerators.forName(a, spec);
        if (lookahead.isEmpty() && !BayesianGenerator.ACQUISITIONS.contains(a)) {
            throw new IllegalArgumentException("unknown acquisition '" + name + "'; valid names: "
                + String.join(", ", names()));
        }
        int init = spec.generation() == null ? Math.max(5, 2 * spec.space().dimension())
            : spec.generation().initialTrials(spec.space().dimension());
        CandidateGenerator model = lookahead.isPresent() ? lookahead.get() : new BayesianGenerator(a);
        return GenerationStrategy.builder().then(new SobolGenerator(), init).last(model).build();
    }
}
