package dev.sextant.core.pareto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.core.fixtures.FixtureFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pareto masks and hypervolumes against every kept fixture under {@code fixtures/hypervolume} (BoTorch 0.11.3 and
 * exact rational arithmetic; see the README there) and every {@code *.json} of {@code -Dsextant.fixtures.hv=DIR}.
 */
class HypervolumeFixtureTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Case(String label, double[][] points, double[] ref, double hypervolume, boolean[] mask,
                boolean[] maskKeepDuplicates) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Case> cases() {
        return FixtureFiles.list(FixtureFiles.HYPERVOLUME, FixtureFiles.HYPERVOLUME_PROPERTY).stream()
                .map(HypervolumeFixtureTest::read);
    }

    private static Case read(FixtureFiles.Entry e) {
        JsonNode j;
        try (InputStream in = Files.newInputStream(e.path())) {
            j = JSON.readTree(in);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read fixture " + e.label(), ex);
        }
        assertTrue(j.get("maximize").asBoolean(), e.label() + ": only maximisation fixtures are defined");
        JsonNode pts = j.get("points");
        double[][] points = new double[pts.size()][];
        for (int i = 0; i < points.length; i++) {
            points[i] = doubles(pts.get(i));
        }
        JsonNode keep = j.get("pareto_mask_keep_duplicates");
        return new Case(e.label(), points, doubles(j.get("ref_point")), j.get("hypervolume").asDouble(),
                booleans(j.get("pareto_mask")), keep == null ? null : booleans(keep));
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.parseDouble(a.get(i).asText());
        }
        return out;
    }

    private static boolean[] booleans(JsonNode a) {
        boolean[] out = new boolean[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asBoolean();
        }
        return out;
    }

    @Test
    void everyKeptFixtureIsRead() {
        List<String> labels = FixtureFiles.list(FixtureFiles.HYPERVOLUME, "sextant.fixtures.none").stream()
                .map(FixtureFiles.Entry::label).toList();
        assertTrue(labels.containsAll(List.of("hv2_n5.json", "hv2_n50.json", "hv2_n500.json",
                "hv3_degenerate_all_worse.json", "hv3_grid_ties_n60.json", "hv3_n10.json", "hv3_n100.json",
                "hv3_n300.json", "hv4_n30.json", "hv5_n12.json")), labels.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void paretoMaskMatches(Case c) {
        assertArrayEquals(c.mask(), Pareto.nonDominated(c.points()), c.label());
        if (c.maskKeepDuplicates() != null) {
            assertArrayEquals(c.maskKeepDuplicates(), Pareto.nonDominated(c.points(), true), c.label());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hypervolumeMatches(Case c) {
        double hv = Hypervolume.of(c.points(), c.ref());
        if (c.hypervolume() == 0.0) {
            assertEquals(0.0, hv, 0.0, c.label());
        } else {
            assertEquals(c.hypervolume(), hv, 1e-12 * c.hypervolume(), c.label());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void slicingAgreesWithTheSweeps(Case c) {
        assertEquals(c.hypervolume(), Hypervolume.bySlicing(c.points(), c.ref()), 1e-12 * c.hypervolume(),
                c.label());
    }
}
