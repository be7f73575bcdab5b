package dev.sextant.experiments.benchmark;

import static dev.sextant.experiments.benchmark.BenchmarkResult.finite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a suite run: per problem our {@link BenchmarkResult} beside the reference's per-seed results, and
 * in aggregate the geometric mean over problems of (our median regret / the reference's) and the problems where
 * the reference is better with one-sided Mann–Whitney p &lt; 0.05.
 */
public record SuiteReport(String suite, List<Entry> entries) {
    /** Significance level of the "reference better" count. */
    public static final double ALPHA = 0.05;

    /**
     * One problem: {@code ours}, the {@code reference} (null when the repository has none), the load average of
     * the machine before and after our run ({@code loadBefore}, {@code loadAfter}; negative when unknown).
     */
    public record Entry(SuiteProblem problem, BenchmarkResult ours, Reference reference, double loadBefore,
                        double loadAfter) {
        public Entry {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(ours, "ours");
        }

        /** Our median regret / the reference's; NaN without a reference or when the reference's median is 0. */
        public double ratio() {
            if (reference == null) {
                return Double.NaN;
            }
            double r = reference.medianRegret();
            return r > 0 && Double.isFinite(r) ? ours.medianRegret() / r : Double.NaN;
        }

        /** The Mann–Whitney test of our per-seed regrets against the reference's; null without a reference. */
        public MannWhitney.Result test() {
            if (reference == null) {
                return null;
            }
            return MannWhitney.test(ours.seeds().stream().mapToDouble(SeedResult::regret).toArray(), reference.regrets());
        }

        /** Reference s/iteration ÷ ours when the reference ran on this machine; NaN otherwise. */
        public double speedup() {
            if (reference == null || !reference.measuredHere()) {
                return Double.NaN;
            }
            return reference.medianSecondsPerIter() / ours.medianSecondsPerIter();
        }
    }

    public SuiteReport {
        Objects.requireNonNull(suite, "suite");
        entries = List.copyOf(entries);
    }

    /** Geometric mean of {@link Entry#ratio()} over the entries where it is finite and positive; NaN if none. */
    public double geometricMeanRatio() {
        double sum = 0;
        int n = 0;
        for (Entry e : entries) {
            double r = e.ratio();
            if (Double.isFinite(r) && r > 0) {
                sum += Math.log(r);
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.exp(sum / n);
    }

    /**
     * Geometric mean of {@link Entry#speedup()} (reference s/iteration ÷ ours) over the entries whose reference ran
     * on this machine; NaN if none did.
     */
    public double geometricMeanSpeedup() {
        double sum = 0;
        int n = 0;
        for (Entry e : entries) {
            double r = e.speedup();
            if (Double.isFinite(r) && r > 0) {
                sum += Math.log(r);
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.exp(sum / n);
    }

    /** Number of entries whose ratio enters {@link #geometricMeanRatio()}. */
    public int ratioCount() {
        return (int) entries.stream().map(Entry::ratio).filter(r -> Double.isFinite(r) && r > 0).count();
    }

    /** Ids of the problems where the reference is better: one-sided Mann–Whitney p &lt; {@link #ALPHA}. */
    public List<String> referenceBetter() {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            MannWhitney.Result t = e.test();
            if (t != null && t.pSecondSmaller() < ALPHA) {
                out.add(e.problem().id());
            }
        }
        return out;
    }

    /** The per-problem table and the aggregate lines, as {@code sextant bench --suite} prints them. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-22s %-13s %6s %11s %11s %7s %7s %7s %9s %9s %s%n", "problem", "protocol",
                "seeds", "ours", "reference", "ratio", "p(2s)", "p(ref<)", "s/it ours", "s/it ref", "reference"));
        for (Entry e : entries) {
            SuiteProblem p = e.problem();
            String protocol = p.init() + "+" + p.iters() + (p.batch() > 1 ? "x" + p.batch() : "")
                    + (p.noise() > 0 ? " noise " + java.math.BigDecimal.valueOf(p.noise()).stripTrailingZeros()
                    .toPlainString() : "");
            Reference r = e.reference();
            MannWhitney.Result t = e.test();
            b.append(String.format(Locale.ROOT, "%-22s %-13s %6s %11s %11s %7s %7s %7s %9s %9s %s%n", p.id(), protocol,
                    e.ours().seeds().size() + "/" + (r == null ? "-" : r.runs().size()),
                    fmt(e.ours().medianRegret()), r == null ? "-" : fmt(r.medianRegret()), fixed(e.ratio(), 3),
                    t == null ? "-" : fixed(t.pTwoSided(), 3), t == null ? "-" : fixed(t.pSecondSmaller(), 3),
                    fixed(e.ours().medianSecondsPerIter(), 3),
                    r == null ? "-" : r.measuredHere() ? fixed(r.medianSecondsPerIter(), 3)
                            : "(" + fixed(r.medianSecondsPerIter(), 2) + ")",
                    r == null ? "none in the repository" : r.implementation()));
        }
        b.append(String.format(Locale.ROOT, "geometric mean of ratios over %d problems: %s%n", ratioCount(),
                fixed(geometricMeanRatio(), 3)));
        long timed = entries.stream().map(Entry::speedup).filter(r -> Double.isFinite(r) && r > 0).count();
        b.append(String.format(Locale.ROOT, "reference s/iteration / ours, geometric mean over the %d problems whose"
                + " reference ran on this machine: %s%n", timed, fixed(geometricMeanSpeedup(), 2)));
        List<String> worse = referenceBetter();
        b.append("reference better with one-sided p < ").append(ALPHA).append(": ")
                .append(worse.isEmpty() ? "none" : String.join(", ", worse)).append(System.lineSeparator());
        b.append("seeds = ours/reference; ratio = our median final regret / the reference's; p = exact Mann-Whitney")
                .append(" (two-sided; one-sided 'reference better'); s/it in brackets: measured on another machine")
                .append(System.lineSeparator());
        return b.toString();
    }

    /**
     * The JSON shape of {@code sextant bench --suite --json}: {"suite", "geometric_mean_ratio", "ratio_count",
     * "reference_better", "geometric_mean_speedup", "problems": [{"id", "load_before", "load_after", "result": {@link BenchmarkResult#toJson()}
     * (per-seed regrets and curves), "reference": {"implementation", "measured_here", "median_regret",
     * "median_seconds_per_iter", "seeds", "regrets", "seconds_per_iter"} or null, "ratio", "p_two_sided",
     * "p_reference_better", "u", "speedup"}]}; non-finite numbers become null.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("suite", suite);
        m.put("geometric_mean_ratio", finite(geometricMeanRatio()));
        m.put("ratio_count", ratioCount());
        m.put("reference_better", referenceBetter());
        m.put("geometric_mean_speedup", finite(geometricMeanSpeedup()));
        List<Object> list = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", e.problem().id());
            p.put("load_before", e.loadBefore() < 0 ? null : e.loadBefore());
            p.put("load_after", e.loadAfter() < 0 ? null : e.loadAfter());
            p.put("result", e.ours().toJson());
            Reference r = e.reference();
            if (r == null) {
                p.put("reference", null);
            } else {
                Map<String, Object> ref = new LinkedHashMap<>();
                ref.put("implementation", r.implementation());
                ref.put("measured_here", r.measuredHere());
                ref.put("median_regret", finite(r.medianRegret()));
                ref.put("median_seconds_per_iter", finite(r.medianSecondsPerIter()));
                ref.put("seeds", r.runs().stream().map(Reference.Run::seed).toList());
                ref.put("regrets", r.runs().stream().map(x -> finite(x.regret())).toList());
                ref.put("seconds_per_iter", r.runs().stream().map(x -> finite(x.secondsPerIter())).toList());
                p.put("reference", ref);
            }
            MannWhitney.Result t = e.test();
            p.put("ratio", finite(e.ratio()));
            p.put("p_two_sided", t == null ? null : t.pTwoSided());
            p.put("p_reference_better", t == null ? null : t.pSecondSmaller());
            p.put("u", t == null ? null : t.u());
            p.put("speedup", finite(e.speedup()));
            list.add(p);
        }
        m.put("problems", list);
        return m;
    }

    private static String fixed(double v, int digits) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "-";
    }

    /** Four significant digits (scientific below 1e-3). */
    static String fmt(double v) {
        return number(v, "%.3e", "%.4g");
    }

    /**
     * A number for the benchmark tables: "-" for NaN, "inf"/"-inf", {@code extremeFormat} for a nonzero magnitude
     * below 1e-3 or from 1e6, else {@code format} (both {@link String#format} patterns, {@link Locale#ROOT}).
     */
    public static String number(double v, String extremeFormat, String format) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, extremeFormat, v);
        }
        return String.format(Locale.ROOT, format, v);
    }
}
