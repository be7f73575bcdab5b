package dev.sextant.acquisition.generate;

import dev.sextant.acquisition.BayesianGenerator;
import dev.sextant.acquisition.lookahead.LookaheadOptions;
import dev.sextant.acquisition.mc.McAcquisitions;
import dev.sextant.acquisition.mc.McContext;
import dev.sextant.acquisition.optim.OptimizerOptions;
import dev.sextant.core.study.GenerationSettings;
import dev.sextant.core.study.InvalidGenerationOptionException;
import dev.sextant.core.study.StudySpec;
import dev.sextant.surrogate.bayes.HyperparameterPrior;
import dev.sextant.surrogate.kernel.Kernel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The generation options of a study, typed and validated: every key of {@code GenerationSettings.options()} that the
 * Bayesian generator (qLogNEI &amp; co.), the lookahead and knowledge-gradient generators and the dashboard's model
 * read. {@link #OPTIONS} describes each key (type, default, allowed values, meaning) and is the one source of the
 * option tables in the READMEs; {@link #parse} turns a settings map into this record, rejecting unknown keys (with a
 * "did you mean"), values of the wrong type and values out of range with an
 * {@link InvalidGenerationOptionException} naming the option, the value given and what is allowed.
 *
 * <p>Components whose default depends on the generator or the machine are null when not given, and read through the
 * overloads that take the caller's default ({@link #restarts(int)}, {@link #threads(int)}, {@link
 * #kernel(String)}, {@link #fantasies(int[])}, {@link #maxIterations(int)}, {@link #budget(int)});
 * {@link #batchSizes()} is null when not given. Immutable; the lists are unmodifiable copies.
 *
 * @param kernel           {@code kernel}, canonical spelling (lower case, no blanks: "matern52+rbf"); null: the
 *                         generator's default
 * @param mcSamples        {@code mc_samples}
 * @param rawSamples       {@code raw_samples}
 * @param restarts         {@code restarts}; null: the generator's default
 * @param threads          {@code threads}; null: the available processors
 * @param sequential       {@code sequential}
 * @param pruneBaseline    {@code prune_baseline}
 * @param beta             {@code beta}
 * @param screen           {@code screen}
 * @param gpRestarts       {@code gp_restarts}
 * @param warmStart        {@code warm_start}
 * @param minNoise         {@code min_noise}
 * @param fixedOutputscale {@code fixed_outputscale}
 * @param noisePriorLoc    {@code noise_prior_loc}
 * @param noisePriorScale  {@code noise_prior_scale}
 * @param winsorize        {@code winsorize}
 * @param initEta          {@code init_eta}
 * @param outcomeTransform {@code outcome_transform}; null: not given ({@link #outcomeTransform()} is then
 *                         {@link Transform#NONE}, and automatic model choice may choose a transform)
 * @param fantasies        {@code fantasies}; null: the lookahead generator's tree
 * @param batchSizes       {@code batch_sizes}; null: one point per stage
 * @param batchQuadrature  {@code batch_quadrature}
 * @param maxIterations    {@code max_iterations}; null: the lookahead generator's default
 * @param budget           {@code budget}; null: unknown
 * @param modelSelection   {@code model_selection}
 * @param inputWarping     {@code input_warping}
 * @param trustRegion      {@code trust_region}
 * @param trustRegionSearch {@code trust_region_search}
 * @param minFeasibility   {@code min_feasibility}
 * @param hyperparameters  {@code hyperparameters}, {@code fb_samples}, {@code fb_warmup}, {@code fb_rewarmup}, {@code fb_thin},
 *                         {@code fb_prior}: MAP or fully Bayesian hyperparameters
 */
public record GenerationOptions(String kernel, int mcSamples, int rawSamples, Integer restarts, Integer threads,
                                boolean sequential, boolean pruneBaseline, double beta, boolean screen, int gpRestarts,
                                boolean warmStart, double minNoise, boolean fixedOutputscale, double noisePriorLoc,
                                double noisePriorScale, boolean winsorize, double initEta, Transform outcomeTransform,
                                List<Integer> fantasies, List<Integer> batchSizes, int batchQuadrature,
                                Integer maxIterations, Integer budget, ModelSelection modelSelection,
                                Warping inputWarping, TrustRegionMode trustRegion,
                                TrustRegionSearch trustRegionSearch, double minFeasibility,
                                Hyperparameters hyperparameters) {

    /** Values of {@code hyperparameters}: how every metric's GP hyperparameters are inferred. */
    public enum HyperparameterMode {
        /**
         * {@link #FULLY_BAYESIAN} where it was measured to pay (BENCHMARKS.md section 13): a single-objective study
         * with an MC acquisition ({@code BayesianGenerator}) over at least {@value #FULLY_BAYESIAN_MIN_DIMENSION}
         * encoded dimensions; {@link #MAP} otherwise (fewer dimensions, several objectives, lookahead).
         */
        AUTO,
        /** One MAP estimate (L-BFGS from the default start and {@code gp_restarts} random ones). */
        MAP,
        /**
         * The posterior of the hyperparameters sampled by slice sampling from the MAP estimate ({@code
         * dev.sextant.surrogate.bayes}); the MC acquisition averages over the {@code fb_samples} members.
         */
        FULLY_BAYESIAN;

        /** From this many encoded dimensions {@link #AUTO} means {@link #FULLY_BAYESIAN}. */
        public static final int FULLY_BAYESIAN_MIN_DIMENSION = 8;
    }

    /**
     * The options {@code hyperparameters}, {@code fb_samples}, {@code fb_warmup}, {@code fb_rewarmup},
     * {@code fb_thin}, {@code fb_prior}. Defaults: fully Bayesian from 8 encoded dimensions (auto), MAP below; when
     * fully Bayesian, {@value #DEFAULT_SAMPLES} members from a
     * chain of {@value #DEFAULT_WARMUP} warm-up sweeps from the MAP estimate, or {@value #DEFAULT_REWARMUP} when it
     * continues the previous generation's chain, every {@value #DEFAULT_THIN}nd sweep kept, the SAAS prior from 8
     * to 20 inputs.
     */
    public record Hyperparameters(HyperparameterMode mode, int samples, int warmup, int rewarmup, int thin,
                                  HyperparameterPrior prior) {
        public static final int DEFAULT_SAMPLES = dev.sextant.surrogate.bayes.FullyBayesianOptions.DEFAULT_SAMPLES;
        public static final int DEFAULT_WARMUP = dev.sextant.surrogate.bayes.FullyBayesianOptions.DEFAULT_WARMUP;
        public static final int DEFAULT_REWARMUP = dev.sextant.surrogate.bayes.FullyBayesianOptions.DEFAULT_REWARMUP;
        public static final int DEFAULT_THIN = dev.sextant.surrogate.bayes.FullyBayesianOptions.DEFAULT_THIN;
        public static final Hyperparameters DEFAULTS = new Hyperparameters(HyperparameterMode.AUTO, DEFAULT_SAMPLES,
                DEFAULT_WARMUP, DEFAULT_REWARMUP, DEFAULT_THIN, HyperparameterPrior.AUTO);

        public Hyperparameters {
            if (mode == null) throw invalid(BY_KEY.get("hyperparameters"), null);
            if (prior == null) throw invalid(BY_KEY.get("fb_prior"), null);
            check("fb_samples", samples);
            check("fb_warmup", warmup);
            check("fb_rewarmup", rewarmup);
            check("fb_thin", thin);
        }

        /**
         * Whether the hyperparameters of a single-objective study with an MC acquisition over {@code encodedDimension}
         * unit-cube inputs are sampled: always with {@code fully_bayesian}, never with {@code map}, with {@code auto}
         * from {@value HyperparameterMode#FULLY_BAYESIAN_MIN_DIMENSION} encoded dimensions.
         */
        public boolean fullyBayesian(int encodedDimension) {
            return switch (mode) {
                case FULLY_BAYESIAN -> true;
                case MAP -> false;
                case AUTO -> encodedDimension >= HyperparameterMode.FULLY_BAYESIAN_MIN_DIMENSION;
            };
        }
    }

    /** Values of {@code model_selection}: how each metric's model is chosen at every generation. */
    public enum ModelSelection {
        /**
         * The default: {@link #ON} where it was measured to pay, a single-objective study whose hyperparameters are
         * fitted by MAP; {@link #OFF} under the fully Bayesian ensemble and with several objectives (BENCHMARKS.md
         * section 14).
         */
        AUTO,
        /**
         * Transform, kernel and input warping chosen per metric and call by exact leave-one-out likelihood (see
         * {@code AutoModel}), on every path; {@code kernel}, {@code outcome_transform} and {@code input_warping},
         * when given, pin their part of the choice.
         */
        ON,
        /** The fixed model: the {@code kernel} option or the generator's default, {@code outcome_transform}. */
        OFF
    }

    /**
     * These options with {@code model_selection} resolved to {@link ModelSelection#ON} or {@link ModelSelection#OFF}
     * for a study with {@code encodedDimension} unit-cube inputs, one objective or several; everything else as it is.
     */
    public GenerationOptions withModelSelectionResolved(int encodedDimension, boolean multiObjective) {
        if (modelSelection != ModelSelection.AUTO) {
            return this;
        }
        ModelSelection m = multiObjective || hyperparameters.fullyBayesian(encodedDimension) ? ModelSelection.OFF
                : ModelSelection.ON;
        return new GenerationOptions(kernel, mcSamples, rawSamples, restarts, threads, sequential, pruneBaseline, beta,
                screen, gpRestarts, warmStart, minNoise, fixedOutputscale, noisePriorLoc, noisePriorScale, winsorize,
                initEta, outcomeTransform, fantasies, batchSizes, batchQuadrature, maxIterations, budget, m,
                inputWarping, trustRegion, trustRegionSearch, minFeasibility, hyperparameters);
    }

    /** Values of {@code input_warping}: Kumaraswamy CDF warping of every input, learned with the hyperparameters. */
    public enum Warping {
        /**
         * One more candidate of automatic model choice (never warped when {@code model_selection} is off); not the
         * default: warping chosen by leave-one-out cost Branin its refinement on the development seeds.
         */
        AUTO,
        /** Always warped. */
        ON,
        /** Never warped (the default). */
        OFF
    }

    /**
     * Values of {@code trust_region}: whether qLogNEI &amp; co. propose inside a TuRBO trust region around the
     * incumbent (see {@code dev.sextant.acquisition.trust}).
     */
    public enum TrustRegionMode {
        /** In spaces of at least {@link #AUTO_MIN_DIMENSION} encoded dimensions. */
        AUTO,
        /** Always (single-objective studies). */
        ON,
        /** Never: the whole unit cube. */
        OFF;

        /**
         * The encoded dimension from which {@link #AUTO} uses a trust region: on the development seeds the region
         * lost in median on the 10-d problems (Ackley10, Levy10) and gained a little on Ackley20 (BENCHMARKS.md,
         * section 12).
         */
        public static final int AUTO_MIN_DIMENSION = 20;

        /** Whether a single-objective study with d encoded dimensions proposes inside a trust region. */
        public boolean appliesTo(int d) {
            return this == ON || (this == AUTO && d >= AUTO_MIN_DIMENSION);
        }
    }

    /** Values of {@code trust_region_search}: how the points inside a trust region are chosen. */
    public enum TrustRegionSearch {
        /** The study's MC acquisition (qLogNEI by default), maximised over the region. */
        ACQUISITION,
        /** Thompson sampling on a perturbation-masked Sobol set in the region, as in TuRBO-1. */
        THOMPSON
    }

    /** Values of {@code outcome_transform}: the increasing transform applied to the objective before fitting. */
    public enum Transform {
        /** No transform. */
        NONE,
        /** log y; every value must be &gt; 0. */
        LOG,
        /** sign(y)·log(1 + |y|). */
        BILOG,
        /** Yeo–Johnson with λ fitted to the observed values by maximum likelihood. */
        POWER
    }

    /**
     * The kernel names (the surrogate's {@code KernelType.NAMES}); {@code kernel} also takes sums (+) and products (*)
     * of them, which every generator proposes with.
     */
    public static final List<String> KERNELS = List.of("rbf", "matern52", "matern32");

    /** How an option's value is written. */
    public enum Type {
        INTEGER("integer"), NUMBER("number"), BOOLEAN("boolean"), CHOICE("name"), INTEGER_LIST("list of integers");

        private final String word;

        Type(String word) {
            this.word = word;
        }

        /** The word used in the documentation tables. */
        public String word() {
            return word;
        }
    }

    /**
     * One option key and its rules.
     *
     * @param key          the key in {@code generation} (a campaign file) or {@code generation} object (REST)
     * @param type         how the value is written
     * @param defaultValue the default, in words (generator-dependent defaults name each generator)
     * @param min          smallest allowed number (each entry of a list); null when unbounded or not a number
     * @param minExclusive whether {@code min} itself is excluded
     * @param max          largest allowed number (each entry of a list); null when unbounded
     * @param choices      allowed names of a {@link Type#CHOICE}, canonical spelling; empty otherwise
     * @param maxLength    most entries of a list (0 when not a list)
     * @param meaning      one line: what it does and which generators read it
     */
    public record Option(String key, Type type, String defaultValue, Double min, boolean minExclusive, Double max,
                         List<String> choices, int maxLength, String meaning) {
        public Option {
            choices = List.copyOf(choices);
        }

        /** What is allowed, in words, e.g. "an integer from 1 to 16384" or "rbf, matern52". */
        public String allowed() {
            switch (type) {
                case BOOLEAN:
                    return "true or false";
                case CHOICE:
                    return String.join(", ", choices);
                case INTEGER_LIST:
                    return "a list of 1 to " + maxLength + " integers, each " + words();
                case INTEGER:
                    return "an integer " + words();
                default:
                    return "a finite number" + (min == null && max == null ? "" : " " + words());
            }
        }

        /** The allowed values as the documentation tables show them. */
        public String range() {
            switch (type) {
                case BOOLEAN:
                    return "true, false";
                case CHOICE:
                    return String.join(", ", choices);
                case INTEGER_LIST:
                    return "1–" + maxLength + " entries, each " + bounds();
                default:
                    return bounds();
            }
        }

        private String bounds() {
            if (min == null && max == null) {
                return "finite";
            }
            if (max == null) {
                return (minExclusive ? "> " : "≥ ") + format(min);
            }
            return format(min) + "–" + format(max);
        }

        private String words() {
            if (max == null) {
                return (minExclusive ? "above " : "of at least ") + format(min);
            }
            return "from " + format(min) + " to " + format(max);
        }
    }

    private static final String LOOKAHEAD = "lookahead2, lookahead3, kg";

    /**
     * Default {@code mc_samples} of the multi-objective acquisitions (BoTorch's for qLogNEHVI): each sample carries its
     * own box decomposition, and 128 samples cost a quarter of 512 per evaluation.
     */
    public static final int MULTI_OBJECTIVE_SAMPLES = 128;

    /**
     * Default {@code raw_samples} of the multi-objective acquisitions (BoTorch's reference protocol): screening 2048
     * points took half of a Branin-Currin iteration and found no better candidates (BENCHMARKS.md, section 9).
     */
    public static final int MULTI_OBJECTIVE_RAW_SAMPLES = 512;

    /**
     * Default {@code init_eta} of the multi-objective acquisitions (BoTorch's initialize_q_batch temperature): on
     * DTLZ2's development seeds the less greedy choice of starts left fewer runs stalled far from the front
     * (BENCHMARKS.md, section 9.1).
     */
    public static final double MULTI_OBJECTIVE_INIT_ETA = 1.0;

    /** The default of {@code trust_region} (BENCHMARKS.md, section 12). */
    public static final TrustRegionMode DEFAULT_TRUST_REGION = TrustRegionMode.OFF;
    /** The default of {@code trust_region_search} (BENCHMARKS.md, section 12). */
    public static final TrustRegionSearch DEFAULT_TRUST_REGION_SEARCH = TrustRegionSearch.ACQUISITION;
    /**
     * Default {@code min_feasibility}: chosen on the demo campaign's development seeds (the lowest floor that kept
     * more than 60 % of its BO trials feasible), checked on the constrained Hartmann6 (BENCHMARKS.md section 10.1).
     */
    public static final double DEFAULT_MIN_FEASIBILITY = 0.8;

    /** Every option key, in the order of the documentation tables. */
    public static final List<Option> OPTIONS = List.of(
            choice("kernel", "rbf (matern52 for " + LOOKAHEAD + ")",
                    java.util.stream.Stream.concat(KERNELS.stream(),
                            java.util.stream.Stream.of("a sum (+) or product (*) of these, e.g. matern52+rbf")).toList(),
                    "GP kernel (ARD) of every metric's model"),
            ranged("mc_samples", Type.INTEGER, McContext.DEFAULT_SAMPLES + " (" + MULTI_OBJECTIVE_SAMPLES
                    + " for qlognehvi, qnparego)", 1.0, false, 16384.0,
                    "quasi-MC samples of the acquisition value (qLogNEI & co.)"),
            ranged("raw_samples", Type.INTEGER, "2048 (" + MULTI_OBJECTIVE_RAW_SAMPLES + " for qlognehvi, qnparego)",
                    1.0, false, 65536.0, "Sobol points screened for the optimiser's starts (at least 512 are used)"),
            ranged("restarts", Type.INTEGER, "10 (4 for lookahead2 and kg, 2 for lookahead3)", 1.0, false, 1000.0,
                    "L-BFGS-B starts of the acquisition optimiser (trees for lookahead)"),
            ranged("threads", Type.INTEGER, "available processors", 1.0, false, 1024.0,
                    "threads of the acquisition optimiser (qLogNEI & co.)"),
            bool("sequential", true,
                    "true: one point at a time with the earlier ones pending (as Ax); false: joint q-batch"),
            bool("prune_baseline", true, "drop baseline points that are unlikely to be the best (qNEI, qLogNEI)"),
            number("beta", 0.2, 0.0, false, "exploration weight of qUCB"),
            bool("screen", true, "rank the raw samples with 128 MC samples before the full evaluation"),
            integer("gp_restarts", 0, 0, 100, "extra random starts of the GP hyperparameter fit"),
            bool("warm_start", false,
                    "start each GP refit from the previous fit instead of the default hyperparameters"),
            number("min_noise", 1e-6, 0.0, false,
                    "floor on the inferred noise variance, model units (trials without SEM)"),
            bool("fixed_outputscale", false, "keep the GP outputscale at 1 instead of fitting it"),
            number("noise_prior_loc", BayesianGenerator.DEFAULT_NOISE_PRIOR_LOC, null, false,
                    "loc of the LogNormal prior on the noise variance (BoTorch: −4); also the dashboard's model"),
            number("noise_prior_scale", BayesianGenerator.DEFAULT_NOISE_PRIOR_SCALE, 0.0, true,
                    "scale of the LogNormal prior on the noise variance (BoTorch: 1); also the dashboard's model"),
            bool("winsorize", true, "clip the objective's poor tail at its Tukey fence before fitting (as Ax; one objective only: with several, one objective's poor tail is part of the trade-off)"),
            ranged("init_eta", Type.NUMBER, format(OptimizerOptions.defaults(0).boltzmannEta()) + " ("
                    + format(MULTI_OBJECTIVE_INIT_ETA) + " for qlognehvi, qnparego)", 0.0, true, null,
                    "temperature of the Boltzmann choice of starts among the raw samples (BoTorch: 1)"),
            choice("outcome_transform", "none (chosen when model_selection applies)",
                    List.of("none", "log", "bilog", "power"),
                    "transform of the objective (of each objective, when there are several) before fitting, for skewed metrics (power: Yeo–Johnson, λ fitted)"),
            choice("model_selection", "auto", List.of("auto", "on", "off"),
                    "on: each metric's transform, kernel and input warping chosen by leave-one-out likelihood at every generation (kernel, outcome_transform, input_warping pin theirs); "
                            + "auto: on for one objective with MAP hyperparameters, off under the fully Bayesian ensemble and with several objectives; off: the fixed model (kernel, outcome_transform as set)"),
            choice("input_warping", "off", List.of("auto", "on", "off"),
                    "Kumaraswamy CDF warping of each input, learned with the GP (auto: one more candidate of model_selection)"),
            choice("trust_region", DEFAULT_TRUST_REGION.name().toLowerCase(Locale.ROOT), List.of("auto", "on", "off"),
                    "propose inside a TuRBO trust region around the incumbent (qLogNEI & co., one objective); auto: from "
                            + TrustRegionMode.AUTO_MIN_DIMENSION + " encoded dimensions"),
            choice("trust_region_search", DEFAULT_TRUST_REGION_SEARCH.name().toLowerCase(Locale.ROOT),
                    List.of("acquisition", "thompson"),
                    "inside a trust region: maximise the study's acquisition, or Thompson sampling on Sobol points (TuRBO-1)"),
            ranged("min_feasibility", Type.NUMBER, format(DEFAULT_MIN_FEASIBILITY), 0.0, false, 0.99,
                    "floor on each proposal's predicted probability of meeting the outcome constraints (qLogNEI & co., qLogNEHVI, qNParEGO;"
                            + " 0: none); below it the probability of feasibility is maximised first"),
            choice("hyperparameters", "auto", List.of("auto", "map", "fully_bayesian"),
                    "map: one MAP estimate of every metric's GP hyperparameters; fully_bayesian: their posterior sampled"
                            + " (slice sampling) and the MC acquisition averaged over fb_samples GPs (qLogNEI & co.,"
                            + " qLogNEHVI, qNParEGO); auto: fully_bayesian from 8 encoded dimensions with one objective,"
                            + " map otherwise"),
            integer("fb_samples", Hyperparameters.DEFAULT_SAMPLES, 1, 256,
                    "fully_bayesian: posterior draws kept, i.e. GPs per metric the acquisition averages over"),
            integer("fb_warmup", Hyperparameters.DEFAULT_WARMUP, 0, 10000,
                    "fully_bayesian: warm-up sweeps of the chain (started at the MAP estimate), discarded"),
            integer("fb_rewarmup", Hyperparameters.DEFAULT_REWARMUP, 0, 10000,
                    "fully_bayesian: warm-up sweeps of a chain that continues the previous generation's (same study and"
                            + " model family; its last state and step widths), discarded"),
            integer("fb_thin", Hyperparameters.DEFAULT_THIN, 1, 1000,
                    "fully_bayesian: sweeps of the chain per kept draw"),
            choice("fb_prior", "auto", List.of("auto", "saas", "standard"),
                    "fully_bayesian: lengthscale prior; saas: sparse axis-aligned subspaces (half-Cauchy shrinkage),"
                            + " standard: the MAP prior, auto: saas from 8 to 20 encoded dimensions, standard otherwise"),
            new Option("fantasies", Type.INTEGER_LIST, "8, 4 (lookahead2); 8, 4, 2 (lookahead3); 32 (kg)", 1.0, false,
                    1024.0, List.of(), 4, "fantasies per lookahead step (the tree has at most 20000 points)"),
            new Option("batch_sizes", Type.INTEGER_LIST, "1 per stage", 1.0, false, 8.0, List.of(), 5,
                    "points per tree stage q₀…q_k, one more entry than fantasies (" + LOOKAHEAD + ")"),
            integer("batch_quadrature", LookaheadOptions.DEFAULT_BATCH_QUADRATURE, 1, 64,
                    "quadrature nodes per point inside a lookahead batch"),
            ranged("max_iterations", Type.INTEGER, "200", 1.0, false, 100000.0,
                    "L-BFGS-B iterations per start of a lookahead tree"),
            ranged("budget", Type.INTEGER, "unknown", 1.0, false, null,
                    "total trials of the study: lookahead looks no further than the trials that remain"));

    private static final Map<String, Option> BY_KEY = OPTIONS.stream()
            .collect(Collectors.toMap(Option::key, o -> o, (a, b) -> a, LinkedHashMap::new));

    /** Every default (an empty settings map). */
    public static final GenerationOptions DEFAULTS = parse(Map.of());

    public GenerationOptions {
        check("mc_samples", mcSamples);
        check("raw_samples", rawSamples);
        check("restarts", restarts);
        check("threads", threads);
        check("beta", beta);
        check("gp_restarts", gpRestarts);
        check("min_noise", minNoise);
        check("noise_prior_loc", noisePriorLoc);
        check("noise_prior_scale", noisePriorScale);
        check("init_eta", initEta);
        check("batch_quadrature", batchQuadrature);
        check("max_iterations", maxIterations);
        check("budget", budget);
        check("min_feasibility", minFeasibility);
        if (kernel != null && !isKernel(kernel)) {
            throw invalid(BY_KEY.get("kernel"), kernel);
        }
        if (modelSelection == null) {
            throw invalid(BY_KEY.get("model_selection"), null);
        }
        if (inputWarping == null) {
            throw invalid(BY_KEY.get("input_warping"), null);
        }
        if (trustRegion == null) {
            throw invalid(BY_KEY.get("trust_region"), null);
        }
        if (trustRegionSearch == null) {
            throw invalid(BY_KEY.get("trust_region_search"), null);
        }
        hyperparameters = hyperparameters == null ? Hyperparameters.DEFAULTS : hyperparameters;
        fantasies = checkList("fantasies", fantasies);
        batchSizes = checkList("batch_sizes", batchSizes);
    }

    /** The options of a spec's generation settings; see {@link #parse}. */
    public static GenerationOptions of(StudySpec spec) {
        return parse(spec.generation() == null ? null : spec.generation().options());
    }

    /**
     * Parses generation options (the map is not modified; null or empty: every default). Integers may be given as
     * whole numbers (also 2.0) or numeric text, numbers as numbers or numeric text, booleans as booleans or
     * "true"/"false", names in any case; a null value means the default.
     *
     * @throws InvalidGenerationOptionException for an unknown key (with the nearest known key as a suggestion), a value
     *                                          of the wrong type, out of range or not an allowed name
     */
    public static GenerationOptions parse(Map<String, Object> options) {
        Map<String, Object> v = new LinkedHashMap<>();
        if (options != null) {
            for (Map.Entry<String, Object> e : options.entrySet()) {
                Option o = BY_KEY.get(e.getKey());
                if (o == null) {
                    throw unknownKey(e.getKey(), e.getValue());
                }
                if (e.getValue() != null) {
                    v.put(o.key(), value(o, e.getValue()));
                }
            }
        }
        return new GenerationOptions(
                (String) v.get("kernel"),
                (int) v.getOrDefault("mc_samples", McContext.DEFAULT_SAMPLES),
                (int) v.getOrDefault("raw_samples", 2048),
                (Integer) v.get("restarts"),
                (Integer) v.get("threads"),
                (boolean) v.getOrDefault("sequential", true),
                (boolean) v.getOrDefault("prune_baseline", true),
                (double) v.getOrDefault("beta", 0.2),
                (boolean) v.getOrDefault("screen", true),
                (int) v.getOrDefault("gp_restarts", 0),
                (boolean) v.getOrDefault("warm_start", false),
                (double) v.getOrDefault("min_noise", 1e-6),
                (boolean) v.getOrDefault("fixed_outputscale", false),
                (double) v.getOrDefault("noise_prior_loc", BayesianGenerator.DEFAULT_NOISE_PRIOR_LOC),
                (double) v.getOrDefault("noise_prior_scale", BayesianGenerator.DEFAULT_NOISE_PRIOR_SCALE),
                (boolean) v.getOrDefault("winsorize", true),
                (double) v.getOrDefault("init_eta", OptimizerOptions.defaults(0).boltzmannEta()),
                (Transform) v.get("outcome_transform"),
                intList(v.get("fantasies")),
                intList(v.get("batch_sizes")),
                (int) v.getOrDefault("batch_quadrature", LookaheadOptions.DEFAULT_BATCH_QUADRATURE),
                (Integer) v.get("max_iterations"),
                (Integer) v.get("budget"),
                (ModelSelection) v.getOrDefault("model_selection", ModelSelection.AUTO),
                (Warping) v.getOrDefault("input_warping", Warping.OFF),
                (TrustRegionMode) v.getOrDefault("trust_region", DEFAULT_TRUST_REGION),
                (TrustRegionSearch) v.getOrDefault("trust_region_search", DEFAULT_TRUST_REGION_SEARCH),
                (double) v.getOrDefault("min_feasibility", DEFAULT_MIN_FEASIBILITY),
                new Hyperparameters(
                        (HyperparameterMode) v.getOrDefault("hyperparameters", HyperparameterMode.AUTO),
                        (int) v.getOrDefault("fb_samples", Hyperparameters.DEFAULT_SAMPLES),
                        (int) v.getOrDefault("fb_warmup", Hyperparameters.DEFAULT_WARMUP),
                        (int) v.getOrDefault("fb_rewarmup", Hyperparameters.DEFAULT_REWARMUP),
                        (int) v.getOrDefault("fb_thin", Hyperparameters.DEFAULT_THIN),
                        (HyperparameterPrior) v.getOrDefault("fb_prior", HyperparameterPrior.AUTO)));
    }

    /** The known option keys, in table order. */
    public static List<String> keys() {
        return List.copyOf(BY_KEY.keySet());
    }

    /** The option described by {@code key}, or null. */
    public static Option option(String key) {
        return BY_KEY.get(key);
    }

    /** {@code outcome_transform}; {@link Transform#NONE} when not given. */
    @Override
    public Transform outcomeTransform() {
        return outcomeTransform == null ? Transform.NONE : outcomeTransform;
    }

    /** Whether {@code outcome_transform} was given (it then pins the transform of automatic model choice). */
    public boolean outcomeTransformGiven() {
        return outcomeTransform != null;
    }

    /**
     * These options with {@code winsorize} set to {@code on}; everything else as it is (the multi-objective path fits
     * each objective with the objective's transform but without winsorising).
     */
    public GenerationOptions withWinsorize(boolean on) {
        return new GenerationOptions(kernel, mcSamples, rawSamples, restarts, threads, sequential, pruneBaseline, beta,
                screen, gpRestarts, warmStart, minNoise, fixedOutputscale, noisePriorLoc, noisePriorScale, on, initEta,
                outcomeTransform, fantasies, batchSizes, batchQuadrature, maxIterations, budget, modelSelection,
                inputWarping, trustRegion, trustRegionSearch, minFeasibility, hyperparameters);
    }

    /** {@code kernel}, or the generator's default when not given. */
    public String kernel(String generatorDefault) {
        return kernel == null ? generatorDefault : kernel;
    }

    /** {@code restarts}, or the generator's default when not given. */
    public int restarts(int generatorDefault) {
        return restarts == null ? generatorDefault : restarts;
    }

    /** {@code threads}, or {@code fallback} (the available processors, as a rule) when not given. */
    public int threads(int fallback) {
        return threads == null ? fallback : threads;
    }

    /** {@code fantasies} as a new array, or {@code generatorDefault} (returned as is) when not given. */
    public int[] fantasies(int[] generatorDefault) {
        return fantasies == null ? generatorDefault : fantasies.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@code batch_sizes} as a new array, or null when not given. */
    public int[] batchSizesArray() {
        return batchSizes == null ? null : batchSizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@code max_iterations}, or the generator's default when not given. */
    public int maxIterations(int generatorDefault) {
        return maxIterations == null ? generatorDefault : maxIterations;
    }

    /** {@code budget}, or {@code unknown} when not given. */
    public int budget(int unknown) {
        return budget == null ? unknown : budget;
    }

    /**
     * Checks an acquisition name (trimmed, any case) against the valid ones.
     *
     * @param valid the valid names, lower case (not modified)
     * @return the name, trimmed and lower case
     * @throws InvalidGenerationOptionException for another name, with the nearest valid one as a suggestion
     */
    public static String checkAcquisition(String name, Collection<String> valid) {
        String a = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (valid.contains(a)) {
            return a;
        }
        String allowed = String.join(", ", valid);
        String near = nearest(a, valid);
        throw new InvalidGenerationOptionException("acquisition", name, allowed, "unknown acquisition '" + name + "'"
                + (near == null ? "" : "; did you mean '" + near + "'?") + "; allowed: " + allowed);
    }

    /** The acquisitions that take several objectives (qlognehvi, their default, first). */
    public static final List<String> MULTI_OBJECTIVE_ACQUISITIONS = McAcquisitions.multiObjectiveNames();

    /**
     * Checks that an acquisition (any case) can serve the study's objectives: a study with several objectives takes
     * a multi-objective acquisition ({@link #MULTI_OBJECTIVE_ACQUISITIONS}) or "sobol"; a single-objective study takes
     * any. An explicitly chosen single-objective acquisition is never swapped for another; a study that leaves the
     * acquisition out gets qlognehvi for several objectives ({@link GenerationSettings#defaultAcquisition(int)}).
     *
     * @throws InvalidGenerationOptionException naming the acquisition, the objectives and the acquisitions that
     *                                          support several objectives
     */
    public static void checkObjectives(String acquisition, StudySpec spec) {
        if (!spec.isMultiObjective()) {
            return;
        }
        String a = acquisition == null ? "" : acquisition.trim().toLowerCase(Locale.ROOT);
        if (MULTI_OBJECTIVE_ACQUISITIONS.contains(a) || a.equals("sobol")) {
            return;
        }
        String allowed = String.join(", ", MULTI_OBJECTIVE_ACQUISITIONS) + ", sobol";
        throw new InvalidGenerationOptionException("acquisition", acquisition, allowed, "acquisition '" + acquisition
                + "' optimises a single objective, but study '" + spec.name() + "' has " + spec.objectives().size()
                + " objectives (" + String.join(", ", spec.objectiveMetrics()) + "); the acquisitions that support "
                + "several objectives are " + String.join(" (the default) and ", MULTI_OBJECTIVE_ACQUISITIONS)
                + " (or sobol): choose one of them or leave acquisition out for the default");
    }

    /**
     * The options table in Markdown (key, type, default, allowed values, meaning), as the READMEs show it; the tests
     * check that each README holds exactly this table.
     */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder("| key | type | default | allowed | meaning |\n|---|---|---|---|---|\n");
        for (Option o : OPTIONS) {
            sb.append("| `").append(o.key()).append("` | ").append(o.type().word()).append(" | ")
                    .append(o.defaultValue()).append(" | ").append(o.range()).append(" | ").append(o.meaning())
                    .append(" |\n");
        }
        return sb.toString();
    }

    // ---- rules ---------------------------------------------------------------------------------------------------

    private static Option ranged(String key, Type type, String def, Double min, boolean minExclusive, Double max,
                                 String meaning) {
        return new Option(key, type, def, min, minExclusive, max, List.of(), 0, meaning);
    }

    private static Option integer(String key, int def, int min, int max, String meaning) {
        return ranged(key, Type.INTEGER, Integer.toString(def), (double) min, false, (double) max, meaning);
    }

    private static Option number(String key, double def, Double min, boolean minExclusive, String meaning) {
        return ranged(key, Type.NUMBER, format(def), min, minExclusive, null, meaning);
    }

    private static Option bool(String key, boolean def, String meaning) {
        return ranged(key, Type.BOOLEAN, Boolean.toString(def), null, false, null, meaning);
    }

    private static Option choice(String key, String def, List<String> choices, String meaning) {
        return new Option(key, Type.CHOICE, def, null, false, null, choices, 0, meaning);
    }

    /** The typed value of one option (Integer, Double, Boolean, String kernel, Transform or List of Integer). */
    private static Object value(Option o, Object raw) {
        switch (o.type()) {
            case INTEGER:
                return integerValue(o, raw, raw);
            case NUMBER: {
                Double d = numeric(raw);
                if (d == null || !Double.isFinite(d) || !inRange(o, d)) {
                    throw invalid(o, raw);
                }
                return d;
            }
            case BOOLEAN:
                if (raw instanceof Boolean b) {
                    return b;
                }
                String t = raw instanceof String s ? s.trim() : "";
                if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(t);
                }
                throw invalid(o, raw);
            case CHOICE:
                return choiceValue(o, raw);
            default: {
                if (!(raw instanceof List<?> list) || list.isEmpty() || list.size() > o.maxLength()) {
                    throw invalid(o, raw);
                }
                List<Integer> out = new ArrayList<>();
                for (Object x : list) {
                    out.add(integerValue(o, x, raw));
                }
                return out;
            }
        }
    }

    private static int integerValue(Option o, Object x, Object whole) {
        Double d = numeric(x);
        if (d == null || d != Math.rint(d) || !inRange(o, d)) {
            throw invalid(o, whole);
        }
        return (int) (double) d;
    }

    private static Object choiceValue(Option o, Object raw) {
        if (raw instanceof Boolean b) {
            // YAML 1.1 reads an unquoted on/off as a boolean: model_selection: off, input_warping: on
            if (o.key().equals("model_selection")) {
                return b ? ModelSelection.ON : ModelSelection.OFF;
            }
            if (o.key().equals("input_warping")) {
                return b ? Warping.ON : Warping.OFF;
            }
            if (o.key().equals("trust_region")) {
                return b ? TrustRegionMode.ON : TrustRegionMode.OFF;
            }
        }
        if (!(raw instanceof String s)) {
            throw invalid(o, raw);
        }
        String n = s.trim().toLowerCase(Locale.ROOT);
        if (o.key().equals("kernel")) {
            // also today's spellings of stored studies: matern, matern-52, matern_52, se, sqexp
            String k = n.replace("-", "").replace("_", "").replace(" ", "");
            if (!isKernel(k)) {
                throw invalid(o, raw);
            }
            return k;
        }
        if (!o.choices().contains(n)) {
            throw invalid(o, raw);
        }
        String constant = n.toUpperCase(Locale.ROOT);
        return switch (o.key()) {
            case "model_selection" -> ModelSelection.valueOf(constant);
            case "input_warping" -> Warping.valueOf(constant);
            case "trust_region" -> TrustRegionMode.valueOf(constant);
            case "trust_region_search" -> TrustRegionSearch.valueOf(constant);
            case "hyperparameters" -> HyperparameterMode.valueOf(constant);
            case "fb_prior" -> HyperparameterPrior.valueOf(constant);
            default -> Transform.valueOf(constant);
        };
    }

    /** Whether the surrogate can build a kernel from this name or sum/product expression. */
    private static boolean isKernel(String name) {
        try {
            Kernel.parse(name, 1);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Double numeric(Object x) {
        if (x instanceof Number n) {
            return n.doubleValue();
        }
        if (x instanceof String s) {
            try {
                return new BigDecimal(s.trim()).doubleValue();
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean inRange(Option o, double d) {
        if ((o.type() == Type.INTEGER || o.type() == Type.INTEGER_LIST) && Math.abs(d) > Integer.MAX_VALUE) {
            return false;
        }
        if (o.min() != null && (o.minExclusive() ? !(d > o.min()) : !(d >= o.min()))) {
            return false;
        }
        return o.max() == null || d <= o.max();
    }

    private static List<Integer> intList(Object v) {
        if (v == null) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        for (Object x : (List<?>) v) {
            out.add((Integer) x);
        }
        return out;
    }

    private static void check(String key, Number value) {
        Option o = BY_KEY.get(key);
        if (value != null && (!Double.isFinite(value.doubleValue()) || !inRange(o, value.doubleValue()))) {
            throw invalid(o, value);
        }
    }

    private static List<Integer> checkList(String key, List<Integer> values) {
        if (values == null) {
            return null;
        }
        Option o = BY_KEY.get(key);
        if (values.isEmpty() || values.size() > o.maxLength()) {
            throw invalid(o, values);
        }
        for (Integer x : values) {
            if (x == null || !inRange(o, x)) {
                throw invalid(o, values);
            }
        }
        return List.copyOf(values);
    }

    private static InvalidGenerationOptionException invalid(Option o, Object given) {
        return new InvalidGenerationOptionException(o.key(), given, o.allowed(),
                "got " + describe(given) + "; allowed: " + o.allowed());
    }

    private static InvalidGenerationOptionException unknownKey(String key, Object given) {
        String near = nearest(key, BY_KEY.keySet());
        String known = String.join(", ", BY_KEY.keySet());
        return new InvalidGenerationOptionException(key, given, known, "unknown option"
                + (near == null ? "." : "; did you mean '" + near + "'?") + " Known options: " + known);
    }

    /** The candidate closest to {@code s} by edit distance, when close enough to be a typo; else null. */
    static String nearest(String s, Collection<String> candidates) {
        String n = s == null ? "" : s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = editDistance(n, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        int limit = Math.max(2, Math.min(n.length(), best == null ? 0 : best.length()) / 3);
        return best != null && bestDistance <= limit ? best : null;
    }

    /** Levenshtein distance (insertions, deletions, substitutions, each 1). */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof Double d) {
            return format(d);
        }
        if (v instanceof Map) {
            return "a mapping " + v;
        }
        return String.valueOf(v);
    }

    private static String format(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros().toString() : Double.toString(d);
    }
}
