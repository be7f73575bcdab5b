package dev.sextant.core.study;


/** A bound on a measured metric: {@code metric <= bound} or {@code metric >= bound}. Text form: {@code "m >= 0.5"}. */
public record OutcomeConstraint(String metric, Relation relation, double bound) {
    /** The comparison of an outcome constraint. */
    public enum Relation {
        LESS_EQUAL("<="), GREATER_EQUAL(">=");

        private final String symbol;

        Relation(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public OutcomeConstraint {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("outcome constraint has no metric name");
        }
        if (relation == null) {
            throw new IllegalArgumentException("outcome constraint on '" + metric + "' has no relation; use <= or >=");
        }
        if (!Double.isFinite(bound)) {
            throw new IllegalArgumentException("outcome constraint on '" + metric + "' has bound " + bound
                    + "; give a finite number");
        }
        bound = bound + 0.0;
    }

    /**
     * Parses {@code "metric <= 3"} or {@code "metric >= 0.5"} (the metric on the left, a number on the right).
     * Throws IllegalArgumentException saying what is wrong.
     */
    public static OutcomeConstraint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("outcome constraint is empty; write e.g. \"accuracy >= 0.9\"");
        }
        int le = text.indexOf("<=");
        int ge = text.indexOf(">=");
        if ((le < 0) == (ge < 0)) {
            throw new IllegalArgumentException("cannot parse outcome constraint \"" + text
                    + "\": expected exactly one '<=' or '>=' (write e.g. \"accuracy >= 0.9\")");
        }
        int at = le >= 0 ? le : ge;
        String metric = text.substring(0, at).strip();
        String number = text.substring(at + 2).strip();
        if (metric.isEmpty() || !metric.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-'
                || c == '/' || c == ':')) {
            throw new IllegalArgumentException("cannot parse outcome constraint \"" + text + "\": '" + metric
                    + "' is not a metric name (write e.g. \"accuracy >= 0.9\")");
        }
        double bound;
        try {
            bound = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot parse outcome constraint \"" + text + "\": '" + number
                    + "' is not a number (write e.g. \"accuracy >= 0.9\")");
        }
        return new OutcomeConstraint(metric, le >= 0 ? Relation.LESS_EQUAL : Relation.GREATER_EQUAL, bound);
    }

    public boolean satisfiedBy(double value) {
        return relation == Relation.LESS_EQUAL ? value <= bound : value >= bound;
    }

    @Override
    public String toString() {
        return metric + " " + relation.symbol() + " " + formatBound(bound);
    }

    private static String formatBound(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
