package dev.sextant.core.space;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The map between parameter values and the unit cube [0,1]^dimension that optimisers work in, and what they need
 * to handle mixed spaces there: snapping to valid points, discrete neighbours and the parameter constraints as a
 * linear system. Immutable and thread-safe.
 *
 * <p>Coordinates, in parameter order: a float takes one (affine in value, or in log(value) for log scale); an integer
 * takes one, each integer owning an equal-width slice (slices equal in log space for log scale: integer k owns
 * [log(k-0.5), log(k+0.5)]) and encoded at the slice centre; an ordinal takes one, rank r of L owning [r/L, (r+1)/L);
 * a categorical with L choices takes L (one-hot); a fixed parameter takes none.
 */
public final class Encoding {
    private final List<Slot> slots;
    private final List<EncodedDimension> dimensions;
    private final List<int[]> oneHotGroups;
    private final int dimension;
    private final double[][] constraintMatrix;
    private final double[] constraintBounds;
    /** Constraints over log-scale parameters: linear in values, nonlinear in the unit cube. */
    private final List<LinearConstraint> nonlinearConstraints;
    private final List<LinearConstraint> allConstraints;

    Encoding(List<Parameter> parameters, List<LinearConstraint> constraints) {
        List<Slot> s = new ArrayList<>();
        List<EncodedDimension> dims = new ArrayList<>();
        List<int[]> groups = new ArrayList<>();
        int offset = 0;
        for (Parameter p : parameters) {
            Slot slot = Slot.of(p, offset);
            s.add(slot);
            for (int j = 0; j < slot.width; j++) {
                dims.add(new EncodedDimension(p.name(), slot.kind, slot.levels()));
            }
            if (slot instanceof CategoricalSlot) {
                int[] g = new int[slot.width];
                for (int j = 0; j < g.length; j++) {
                    g[j] = offset + j;
                }
                groups.add(g);
            }
            offset += slot.width;
        }
        this.slots = List.copyOf(s);
        this.dimensions = List.copyOf(dims);
        this.oneHotGroups = Collections.unmodifiableList(groups);
        this.dimension = offset;
        Map<String, Slot> byName = new LinkedHashMap<>();
        for (Slot slot : slots) {
            byName.put(slot.parameter.name(), slot);
        }
        this.slotsByName = byName;
        List<LinearConstraint> linear = new ArrayList<>();
        List<LinearConstraint> nonlinear = new ArrayList<>();
        for (LinearConstraint c : constraints) {
            boolean affine = c.coefficients().keySet().stream().allMatch(name -> byName.get(name).hasAffine());
            (affine ? linear : nonlinear).add(c);
        }
        this.allConstraints = List.copyOf(constraints);
        this.nonlinearConstraints = List.copyOf(nonlinear);
        this.constraintMatrix = new double[linear.size()][offset];
        this.constraintBounds = new double[linear.size()];
        for (int i = 0; i < linear.size(); i++) {
            double b = linear.get(i).bound();
            for (Map.Entry<String, Double> e : linear.get(i).coefficients().entrySet()) {
                Slot slot = byName.get(e.getKey());
                // value = shift + scale * u on this coordinate (linear-scale float or int)
                double[] affine = slot.affine();
                constraintMatrix[i][slot.offset] += e.getValue() * affine[1];
                b -= e.getValue() * affine[0];
            }
            constraintBounds[i] = b;
        }
    }

    private final Map<String, Slot> slotsByName;

    /**
     * The parameter constraints that are nonlinear in the unit cube (those over a log-scale parameter); they are not
     * rows of {@link #constraintMatrix()}. Optimisers check them with {@link #satisfiesConstraints(double[])}.
     */
    public List<LinearConstraint> nonlinearConstraints() {
        return nonlinearConstraints;
    }

    /**
     * Whether every parameter constraint (linear and nonlinear in u) holds at the point {@code unit} decodes to.
     *
     * @param unit length {@link #dimension()}. Not modified.
     */
    public boolean satisfiesConstraints(double[] unit) {
        check(unit);
        Map<String, Object> values = new LinkedHashMap<>();
        for (LinearConstraint c : allConstraints) {
            for (String name : c.coefficients().keySet()) {
                values.computeIfAbsent(name, n -> slotsByName.get(n).decode(unit));
            }
            if (!c.isSatisfiedBy(values)) {
                return false;
            }
        }
        return true;
    }

    /** Width of the encoding (one-hot blocks count each choice; fixed parameters count zero). */
    public int dimension() {
        return dimension;
    }

    /** One entry per coordinate, in coordinate order. Unmodifiable. */
    public List<EncodedDimension> dimensions() {
        return dimensions;
    }

    /** For each categorical parameter (in parameter order), the coordinate indices of its one-hot block. Arrays are copies. */
    public List<int[]> oneHotGroups() {
        List<int[]> out = new ArrayList<>(oneHotGroups.size());
        for (int[] g : oneHotGroups) {
            out.add(g.clone());
        }
        return out;
    }

    /**
     * Encodes canonical, already validated values (see {@link SearchSpace#validate}) into a new array of length
     * {@link #dimension()}.
     */
    double[] encodeCanonical(Map<String, Object> values) {
        double[] u = new double[dimension];
        for (Slot slot : slots) {
            slot.encode(values.get(slot.parameter.name()), u);
        }
        return u;
    }

    /** Decodes any point of [0,1]^dimension (clamped) into canonical values in parameter order. */
    Map<String, Object> decodeToMap(double[] unit) {
        check(unit);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Slot slot : slots) {
            out.put(slot.parameter.name(), slot.decode(unit));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Nearest valid encoded point: continuous coordinates clamped to [0,1], integers and ordinals moved to the centre
     * of their slice, one-hot blocks set to the argmax (first on ties). {@code unit} (length dimension) is not
     * modified; returns a new array.
     */
    public double[] snap(double[] unit) {
        check(unit);
        double[] out = new double[dimension];
        for (Slot slot : slots) {
            slot.snap(unit, out);
        }
        return out;
    }

    /**
     * Discrete neighbours of a snapped point: for each integer or ordinal coordinate, the point one level down and one
     * level up (where they exist); for each categorical, the point with each other category. Continuous coordinates
     * are copied. {@code unitSnapped} is not modified; every returned array is new.
     */
    public List<double[]> neighbours(double[] unitSnapped) {
        double[] base = snap(unitSnapped);
        List<double[]> out = new ArrayList<>();
        for (Slot slot : slots) {
            slot.neighbours(base, out);
        }
        return out;
    }

    /**
     * The parameter constraints over linear-scale parameters in unit-cube form: A (m×dimension, one row per such
     * constraint, a new array) such that {@code A·u <= b} (b = {@link #constraintBounds()}) holds exactly when the
     * decoded values satisfy them (for integers: at slice centres, i.e. after {@link #snap}). Constraints over
     * log-scale parameters are not affine in u: see {@link #nonlinearConstraints()}.
     */
    public double[][] constraintMatrix() {
        double[][] a = new double[constraintMatrix.length][];
        for (int i = 0; i < a.length; i++) {
            a[i] = constraintMatrix[i].clone();
        }
        return a;
    }

    /** b (length m, a new array) of {@code A·u <= b}; see {@link #constraintMatrix()}. */
    public double[] constraintBounds() {
        return constraintBounds.clone();
    }

    private void check(double[] unit) {
        if (unit == null || unit.length != dimension) {
            throw new IllegalArgumentException("unit-cube point has length " + (unit == null ? "null" : unit.length)
                    + " but the encoding has dimension " + dimension);
        }
        for (int i = 0; i < unit.length; i++) {
            if (Double.isNaN(unit[i])) {
                throw new IllegalArgumentException("unit-cube point has NaN at coordinate " + i + " ("
                        + dimensions.get(i).parameter() + ")");
            }
        }
    }

    static double clamp01(double u) {
        return u <= 0 ? 0.0 : (u >= 1 ? 1.0 : u);
    }

    /** How one parameter maps to its coordinates [offset, offset + width). */
    abstract static class Slot {
        final Parameter parameter;
        final int offset;
        final int width;
        final EncodedDimension.Kind kind;

        Slot(Parameter parameter, int offset, int width, EncodedDimension.Kind kind) {
            this.parameter = parameter;
            this.offset = offset;
            this.width = width;
            this.kind = kind;
        }

        static Slot of(Parameter p, int offset) {
            if (p instanceof FloatParameter f) {
                return f.log() ? new LogFloatSlot(f, offset) : new LinearFloatSlot(f, offset);
            } else if (p instanceof IntParameter i) {
                return i.log() ? new LogIntSlot(i, offset) : new LinearIntSlot(i, offset);
            } else if (p instanceof OrdinalParameter o) {
                return new OrdinalSlot(o, offset);
            } else if (p instanceof CategoricalParameter c) {
                return new CategoricalSlot(c, offset);
            } else {
                return new FixedSlot((FixedParameter) p, offset);
            }
        }

        int levels() {
            return 0;
        }

        boolean hasAffine() {
            return false;
        }

        /** value = a[0] + a[1]*u, for linear-scale numeric slots. */
        double[] affine() {
            throw new IllegalStateException("parameter '" + parameter.name() + "' has no affine encoding");
        }

        abstract void encode(Object canonical, double[] u);

        abstract Object decode(double[] u);

        void snap(double[] in, double[] out) {
            encode(decode(in), out);
        }

        void neighbours(double[] base, List<double[]> out) {
        }
    }

    /** Affine continuous slot with exact-round-trip nudging. */
    abstract static class FloatSlot extends Slot {
        final double low;
        final double high;

        FloatSlot(FloatParameter p, int offset) {
            super(p, offset, 1, EncodedDimension.Kind.CONTINUOUS);
            this.low = p.low();
            this.high = p.high();
        }

        abstract double toUnit(double x);

        abstract double fromUnit(double u);

        final double value(double u) {
            if (u <= 0) {
                return low;
            }
            if (u >= 1) {
                return high;
            }
            double x = fromUnit(u);
            return x < low ? low : (x > high ? high : x);
        }

        @Override
        void encode(Object canonical, double[] u) {
            double x = ((Number) canonical).doubleValue();
            double v = clamp01(toUnit(x));
            // nudge by a few ulps so that decode(encode(x)) == x whenever such a u exists nearby
            double best = v;
            double bestErr = Math.abs(value(v) - x);
            for (int step = 0; step < 8 && bestErr != 0; step++) {
                double y = value(v);
                if (y == x) {
                    best = v;
                    bestErr = 0;
                    break;
                }
                v = clamp01(y < x ? Math.nextUp(v) : Math.nextDown(v));
                double err = Math.abs(value(v) - x);
                if (err < bestErr) {
                    best = v;
                    bestErr = err;
                }
            }
            u[offset] = best;
        }

        @Override
        Object decode(double[] u) {
            return value(u[offset]);
        }

        @Override
        void snap(double[] in, double[] out) {
            out[offset] = clamp01(in[offset]);
        }
    }

    static final class LinearFloatSlot extends FloatSlot {
        LinearFloatSlot(FloatParameter p, int offset) {
            super(p, offset);
        }

        @Override
        double toUnit(double x) {
            return (x - low) / (high - low);
        }

        @Override
        double fromUnit(double u) {
            return low + u * (high - low);
        }

        @Override
        boolean hasAffine() {
            return true;
        }

        @Override
        double[] affine() {
            return new double[] {low, high - low};
        }
    }

    static final class LogFloatSlot extends FloatSlot {
        private final double logLow;
        private final double logRange;

        LogFloatSlot(FloatParameter p, int offset) {
            super(p, offset);
            this.logLow = Math.log(low);
            this.logRange = Math.log(high) - logLow;
        }

        @Override
        double toUnit(double x) {
            return (Math.log(x) - logLow) / logRange;
        }

        @Override
        double fromUnit(double u) {
            return Math.exp(logLow + u * logRange);
        }
    }

    /** Slot whose values are integer levels 0..L-1, each owning one slice of [0,1]. */
    abstract static class LevelSlot extends Slot {
        final long count;

        LevelSlot(Parameter p, int offset, long count, EncodedDimension.Kind kind) {
            super(p, offset, 1, kind);
            this.count = count;
        }

        @Override
        int levels() {
            return (int) Math.min(Integer.MAX_VALUE, count);
        }

        /** Centre of level i's slice. */
        double centre(long i) {
            return (i + 0.5) / count;
        }

        /** Level whose slice holds u. */
        long level(double u) {
            double v = clamp01(u);
            long i = (long) Math.floor(v * count);
            return i < 0 ? 0 : (i >= count ? count - 1 : i);
        }

        @Override
        void neighbours(double[] base, List<double[]> out) {
            long i = level(base[offset]);
            if (i > 0) {
                double[] n = base.clone();
                n[offset] = centre(i - 1);
                out.add(n);
            }
            if (i < count - 1) {
                double[] n = base.clone();
                n[offset] = centre(i + 1);
                out.add(n);
            }
        }
    }

    static final class LinearIntSlot extends LevelSlot {
        private final long low;

        LinearIntSlot(IntParameter p, int offset) {
            super(p, offset, p.size(), EncodedDimension.Kind.INTEGER);
            this.low = p.low();
        }

        @Override
        void encode(Object canonical, double[] u) {
            u[offset] = centre(((Long) canonical) - low);
        }

        @Override
        Object decode(double[] u) {
            return low + level(u[offset]);
        }

        @Override
        boolean hasAffine() {
            return true;
        }

        @Override
        double[] affine() {
            // at slice centres u = (k - low + 0.5)/L, so k = low - 0.5 + L*u
            return new double[] {low - 0.5, (double) count};
        }
    }

    /** Log-scale integer: integer k owns [log(k-0.5), log(k+0.5)] mapped affinely onto [0,1]. */
    static final class LogIntSlot extends LevelSlot {
        private final long low;
        private final double a;
        private final double range;

        LogIntSlot(IntParameter p, int offset) {
            super(p, offset, p.size(), EncodedDimension.Kind.INTEGER);
            this.low = p.low();
            this.a = Math.log(low - 0.5);
            this.range = Math.log(p.high() + 0.5) - a;
        }

        /** Upper edge (in u) of level i's slice; edge(-1) = 0, edge(count-1) = 1. */
        private double edge(long i) {
            if (i < 0) {
                return 0.0;
            }
            if (i >= count - 1) {
                return 1.0;
            }
            return (Math.log(low + i + 0.5) - a) / range;
        }

        @Override
        double centre(long i) {
            return 0.5 * (edge(i - 1) + edge(i));
        }

        @Override
        long level(double u) {
            double v = clamp01(u);
            double x = Math.exp(a + v * range);
            long i = (long) Math.floor(x + 0.5) - low;
            i = i < 0 ? 0 : (i >= count ? count - 1 : i);
            // correct rounding near the slice edges so that level() agrees with edge()
            while (i > 0 && v < edge(i - 1)) {
                i--;
            }
            while (i < count - 1 && v >= edge(i)) {
                i++;
            }
            return i;
        }

        @Override
        void encode(Object canonical, double[] u) {
            u[offset] = centre(((Long) canonical) - low);
        }

        @Override
        Object decode(double[] u) {
            return low + level(u[offset]);
        }
    }

    static final class OrdinalSlot extends LevelSlot {
        private final OrdinalParameter p;

        OrdinalSlot(OrdinalParameter p, int offset) {
            super(p, offset, p.choices().size(), EncodedDimension.Kind.ORDINAL);
            this.p = p;
        }

        @Override
        void encode(Object canonical, double[] u) {
            u[offset] = centre(p.indexOf(canonical));
        }

        @Override
        Object decode(double[] u) {
            return p.choices().get((int) level(u[offset]));
        }
    }

    static final class CategoricalSlot extends Slot {
        private final CategoricalParameter p;

        CategoricalSlot(CategoricalParameter p, int offset) {
            super(p, offset, p.choices().size(), EncodedDimension.Kind.ONE_HOT);
            this.p = p;
        }

        @Override
        int levels() {
            return width;
        }

        @Override
        void encode(Object canonical, double[] u) {
            int k = p.indexOf(canonical);
            for (int j = 0; j < width; j++) {
                u[offset + j] = j == k ? 1.0 : 0.0;
            }
        }

        int argmax(double[] u) {
            int best = 0;
            for (int j = 1; j < width; j++) {
                if (u[offset + j] > u[offset + best]) {
                    best = j;
                }
            }
            return best;
        }

        @Override
        Object decode(double[] u) {
            return p.choices().get(argmax(u));
        }

        @Override
        void neighbours(double[] base, List<double[]> out) {
            int k = argmax(base);
            for (int j = 0; j < width; j++) {
                if (j != k) {
                    double[] n = base.clone();
                    Arrays.fill(n, offset, offset + width, 0.0);
                    n[offset + j] = 1.0;
                    out.add(n);
                }
            }
        }
    }

    static final class FixedSlot extends Slot {
        FixedSlot(FixedParameter p, int offset) {
            super(p, offset, 0, EncodedDimension.Kind.CONTINUOUS);
        }

        @Override
        void encode(Object canonical, double[] u) {
        }

        @Override
        Object decode(double[] u) {
            return ((FixedParameter) parameter).value();
        }
    }
}
