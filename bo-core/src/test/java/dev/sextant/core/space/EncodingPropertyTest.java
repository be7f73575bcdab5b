package dev.sextant.core.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;

/** Round trips of the unit-cube encoding, as properties. */
class EncodingPropertyTest {

    @Property(tries = 300)
    void linearFloatRoundTrip(@ForAll @Scale(12) @DoubleRange(min = -1e6, max = 1e6) double low,
                              @ForAll @Scale(12) @DoubleRange(min = 1e-6, max = 1e6) double width,
                              @ForAll @Scale(12) @DoubleRange(min = 0, max = 1) double fraction) {
        double high = low + width;
        double x = Math.min(high, low + fraction * width);
        SearchSpace space = SearchSpace.builder().addFloat("x", low, high).build();
        double[] u = space.encode(Map.of("x", x));
        assertTrue(u[0] >= 0 && u[0] <= 1);
        double back = (Double) space.decode(u).get("x");
        assertEquals(x, back, 1e-12 * Math.max(Math.abs(x), width));
        // decoding is idempotent through encode, exactly
        assertEquals(back, (Double) space.decode(space.encode(Map.of("x", back))).get("x"), 0.0);
    }

    @Property(tries = 300)
    void logFloatRoundTrip(@ForAll @Scale(12) @DoubleRange(min = -12, max = 6) double log10Low,
                           @ForAll @Scale(12) @DoubleRange(min = 0.01, max = 12) double decades,
                           @ForAll @Scale(12) @DoubleRange(min = 0, max = 1) double fraction) {
        double low = Math.pow(10, log10Low);
        double high = low * Math.pow(10, decades);
        double x = Math.min(high, Math.max(low, low * Math.pow(10, fraction * decades)));
        SearchSpace space = SearchSpace.builder().addFloat("x", low, high, true).build();
        double[] u = space.encode(Map.of("x", x));
        assertEquals(fraction, u[0], 1e-9);
        double back = (Double) space.decode(u).get("x");
        assertEquals(x, back, 1e-12 * x);
        assertEquals(back, (Double) space.decode(space.encode(Map.of("x", back))).get("x"), 0.0);
    }

    @Property(tries = 300)
    void integerRoundTripIsExactAndSlicesHaveEqualWidth(@ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long low,
                                                        @ForAll @LongRange(min = 1, max = 10_000_000) long span,
                                                        @ForAll @Scale(12) @DoubleRange(min = 0, max = 1) double fraction) {
        long high = low + span;
        long k = low + Math.round(fraction * span);
        SearchSpace space = SearchSpace.builder().addInt("n", low, high).build();
        double[] u = space.encode(Map.of("n", k));
        assertEquals(k, space.decode(u).get("n"));
        long levels = span + 1;
        // k owns the slice [(k-low)/L, (k-low+1)/L): its centre is encoded, and both slice ends decode as expected
        assertEquals((k - low + 0.5) / levels, u[0], 1e-15);
        double sliceLow = (double) (k - low) / levels;
        double sliceHigh = (double) (k - low + 1) / levels;
        assertEquals(k, space.decode(new double[] {Math.nextUp(sliceLow)}).get("n"));
        assertEquals(k, space.decode(new double[] {Math.nextDown(Math.nextDown(sliceHigh))}).get("n"));
    }

    @Property(tries = 300)
    void logIntegerRoundTripIsExact(@ForAll @LongRange(min = 1, max = 1_000_000) long low,
                                    @ForAll @LongRange(min = 1, max = 1_000_000_000L) long span,
                                    @ForAll @Scale(12) @DoubleRange(min = 0, max = 1) double fraction) {
        long high = low + span;
        long k = Math.min(high, low + (long) Math.floor(Math.pow(span + 1.0, fraction)) - 1);
        SearchSpace space = SearchSpace.builder().addInt("n", low, high, true).build();
        double[] u = space.encode(Map.of("n", k));
        assertEquals(k, space.decode(u).get("n"));
        // neighbours sit in adjacent slices: one level down / up decode to k-1 / k+1
        for (double[] n : space.encoding().neighbours(u)) {
            long m = (Long) space.decode(n).get("n");
            assertEquals(1, Math.abs(m - k));
        }
    }

    @Property(tries = 200)
    void choicesRoundTripExactly(@ForAll @IntRange(min = 1, max = 30) int count, @ForAll @IntRange(min = 0, max = 29) int pick,
                                 @ForAll boolean ordinal) {
        int index = pick % count;
        List<Object> choices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            choices.add(i % 3 == 0 ? "c" + i : (i % 3 == 1 ? (Object) (long) i : (Object) (i + 0.5)));
        }
        SearchSpace space = ordinal
                ? SearchSpace.builder().addOrdinal("p", choices).build()
                : SearchSpace.builder().addCategorical("p", choices).build();
        Object value = choices.get(index);
        double[] u = space.encode(Map.of("p", value));
        assertEquals(ordinal ? 1 : count, u.length);
        if (ordinal) {
            assertEquals((index + 0.5) / count, u[0], 1e-15);
        } else {
            for (int j = 0; j < count; j++) {
                assertEquals(j == index ? 1.0 : 0.0, u[j], 0.0);
            }
        }
        assertEquals(value, space.decode(u).get("p"));
    }

    @Provide
    Arbitrary<double[]> unitPoints() {
        return Arbitraries.doubles().ofScale(12).between(-0.1, 1.1).array(double[].class).ofSize(MIXED.dimension());
    }

    static final SearchSpace MIXED = SearchSpace.builder()
            .addFloat("x", -3, 7)
            .addFloat("lr", 1e-5, 1e-1, true)
            .addInt("n", -4, 12)
            .addInt("width", 8, 4096, true)
            .addCategorical("opt", List.of("adam", "sgd", "rmsprop"))
            .addOrdinal("size", List.of("s", "m", "l", "xl"))
            .addCategorical("flag", List.of(true, false))
            .addFixed("steps", 50)
            .addConstraint("x + 0.5*n <= 8")
            .build();

    @Property(tries = 500)
    void mixedSpaceDecodeEncodeDecodeIsIdentity(@ForAll("unitPoints") double[] u) {
        Map<String, Object> values = MIXED.decode(u);
        assertEquals(MIXED.parameters().size(), values.size());
        assertEquals(50L, values.get("steps"));
        double[] encoded = MIXED.encoding().encodeCanonical(values);
        assertEquals(values, MIXED.decode(encoded));
        // snapping keeps the decoded values, is idempotent, moves discrete coordinates to encode(decode(.)) and only
        // clamps continuous ones
        double[] snapped = MIXED.encoding().snap(u);
        assertEquals(values, MIXED.decode(snapped));
        assertArrayEquals(snapped, MIXED.encoding().snap(snapped), 0.0);
        for (int j = 2; j < u.length; j++) {
            assertEquals(encoded[j], snapped[j], 0.0);
        }
        assertEquals(Math.min(1, Math.max(0, u[0])), snapped[0], 0.0);
        // continuous coordinates survive the round trip (clamped)
        assertEquals(Math.min(1, Math.max(0, u[0])), encoded[0], 1e-12);
        assertEquals(Math.min(1, Math.max(0, u[1])), encoded[1], 1e-12);
    }

    @Property(tries = 300)
    void constraintMatrixAgreesWithConstraintsAtSnappedPoints(@ForAll("unitPoints") double[] u) {
        double[] s = MIXED.encoding().snap(u);
        double[][] a = MIXED.encoding().constraintMatrix();
        double[] b = MIXED.encoding().constraintBounds();
        double lhs = 0;
        for (int j = 0; j < s.length; j++) {
            lhs += a[0][j] * s[j];
        }
        Map<String, Object> values = MIXED.decode(s);
        double direct = (Double) values.get("x") + 0.5 * (Long) values.get("n");
        assertEquals(direct - 8, lhs - b[0], 1e-9);
    }

    @Property(tries = 100)
    void neighboursDifferInOneDiscreteParameter(@ForAll("unitPoints") double[] u) {
        double[] s = MIXED.encoding().snap(u);
        Map<String, Object> base = MIXED.decode(s);
        List<double[]> neighbours = MIXED.encoding().neighbours(s);
        for (double[] n : neighbours) {
            Map<String, Object> v = MIXED.decode(n);
            int differing = 0;
            for (String k : base.keySet()) {
                if (!base.get(k).equals(v.get(k))) {
                    differing++;
                    assertTrue(k.equals("n") || k.equals("width") || k.equals("opt") || k.equals("size") || k.equals("flag"), k);
                }
            }
            assertEquals(1, differing);
        }
        // n, width: up to 2 each; opt: 2 others; size: up to 2; flag: 1
        assertTrue(neighbours.size() >= 1 + 1 + 2 + 1 + 1 && neighbours.size() <= 2 + 2 + 2 + 2 + 1, "" + neighbours.size());
    }

    @Property(tries = 100)
    void validateIsIdempotent(@ForAll("unitPoints") double[] u) {
        Map<String, Object> values = MIXED.decode(u);
        if (MIXED.satisfiesConstraints(values)) {
            assertEquals(values, MIXED.validate(values));
        }
    }
}
