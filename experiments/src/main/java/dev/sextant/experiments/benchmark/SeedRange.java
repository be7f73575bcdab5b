package dev.sextant.experiments.benchmark;

/** Seeds {@code first … first+count−1} of a benchmark run. */
public record SeedRange(long first, int count) {
    public SeedRange {
        if (first < 0) {
            throw new IllegalArgumentException("seeds must be >= 0, got first seed " + first);
        }
        if (count < 1) {
            throw new IllegalArgumentException("--seeds must give at least one seed, got " + count);
        }
    }

    /**
     * Parses {@code "A-B"} (seeds A to B inclusive, e.g. {@code 0-9}) or {@code "N"} (N seeds from
     * {@code defaultFirst}, the older form).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static SeedRange parse(String text, long defaultFirst) {
        String t = text == null ? "" : text.trim();
        try {
            int dash = t.indexOf('-');
            if (dash > 0) {
                long a = Long.parseLong(t.substring(0, dash).trim());
                long b = Long.parseLong(t.substring(dash + 1).trim());
                if (b < a) {
                    throw new IllegalArgumentException("--seeds " + t + ": the last seed is below the first");
                }
                if (b - a >= Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("--seeds " + t + ": too many seeds");
                }
                return new SeedRange(a, (int) (b - a + 1));
            }
            return new SeedRange(defaultFirst, Integer.parseInt(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seeds takes a range FIRST-LAST (e.g. 0-9) or a count (e.g. 10), got '"
                    + text + "'");
        }
    }
}
