package dev.sextant.acquisition.multi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.core.fixtures.FixtureFiles;
import dev.sextant.core.pareto.Hypervolume;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The decomposition against the hypervolume fixtures (BoTorch and exact rational values), bo-core's Hypervolume,
 * an independent exact hypervolume (coordinate-compressed grid: every grid cell is checked
 * for domination at its centre) and against point membership: every point of [r, U] lies in exactly one box of the
 * dominated or non-dominated decomposition, according to whether some point dominates it.
 */
class BoxDecompositionTest {

    static double gridHypervolume(double[] pts, int n, double[] ref) {
        return BruteForceHypervolume.of(pts, n, ref);
    }

    static boolean dominatedBy(double[] pts, int n, double[] u) {
        return BruteForceHypervolume.dominatedBy(pts, n, u);
    }

    static double[] randomFront(Random rnd, int n, int m, boolean onSphere) {
        double[] p = new double[n * m];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int k = 0; k < m; k++) {
                p[i * m + k] = rnd.nextDouble();
                norm += p[i * m + k] * p[i * m + k];
            }
            if (onSphere) for (int k = 0; k < m; k++) p[i * m + k] /= Math.sqrt(norm);
        }
        return p;
    }

    /** Every hypervolume fixture (bo-core's test resources, and -Dsextant.fixtures.hv=DIR): the boxes' volume. */
    @Test
    void dominatedBoxesHaveTheFixturesHypervolume() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<FixtureFiles.Entry> files = FixtureFiles.list(FixtureFiles.HYPERVOLUME, FixtureFiles.HYPERVOLUME_PROPERTY);
        assertTrue(files.size() >= 10, "fixtures found: " + files);
        for (FixtureFiles.Entry e : files) {
            JsonNode j;
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(e.path())) {
                j = json.readTree(in);
            }
            JsonNode p = j.get("points");
            double[] ref = doubles(j.get("ref_point"));
            int m = ref.length, n = p.size();
            double[][] rows = new double[n][];
            double[] flat = new double[n * m];
            for (int i = 0; i < n; i++) {
                rows[i] = doubles(p.get(i));
                System.arraycopy(rows[i], 0, flat, i * m, m);
            }
            double want = j.get("hypervolume").asDouble();
            double got = BoxDecomposition.dominated(flat, n, ref).volume();
            assertEquals(want, got, 1e-12 * Math.max(1e-300, want), e.label());
            assertEquals(Hypervolume.of(rows, ref), got, 1e-12 * Math.max(1e-300, want), e.label() + " vs bo-core");
            // the non-dominated boxes fill the rest of [r, top]
            double[] top = new double[m];
            double total = 1;
            for (int k = 0; k < m; k++) {
                top[k] = ref[k] + 1;
                for (double[] row : rows) top[k] = Math.max(top[k], row[k] + 0.5);
                total *= top[k] - ref[k];
            }
            double rest = BoxDecomposition.nonDominated(flat, n, ref).volumeBelow(top);
            assertEquals(total, got + rest, 1e-12 * total, e.label() + ": dominated + non-dominated");
        }
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asDouble();
        return out;
    }

    @Test
    void dominatedVolumeIsTheExactHypervolume() {
        Random rnd = new Random(3);
        int[][] cases = {{2, 1}, {2, 7}, {2, 30}, {3, 1}, {3, 6}, {3, 20}, {4, 8}, {5, 5}};
        for (int[] c : cases) {
            int m = c[0], n = c[1];
            for (int rep = 0; rep < 4; rep++) {
                double[] pts = randomFront(rnd, n, m, rep % 2 == 0);
                double[] ref = new double[m];
                for (int k = 0; k < m; k++) ref[k] = rep == 3 ? 0.3 : 0.0;
                double want = gridHypervolume(pts, n, ref);
                BoxDecomposition dom = BoxDecomposition.dominated(pts, n, ref);
                assertEquals(want, dom.volume(), 1e-12 * Math.max(1, want), "m=" + m + " n=" + n + " rep=" + rep);
            }
        }
    }

    @Test
    void boxesTileTheSpaceAboveTheReferencePoint() {
        Random rnd = new Random(11);
        for (int m = 2; m <= 4; m++) {
            int n = m == 4 ? 6 : 12;
            double[] pts = randomFront(rnd, n, m, true);
            // a duplicate and a dominated point must not change anything
            pts = Arrays.copyOf(pts, (n + 2) * m);
            System.arraycopy(pts, 0, pts, n * m, m);
            for (int k = 0; k < m; k++) pts[(n + 1) * m + k] = 0.5 * pts[k];
            int nn = n + 2;
            double[] ref = new double[m];
            Arrays.fill(ref, 0.1);
            BoxDecomposition dom = BoxDecomposition.dominated(pts, nn, ref);
            BoxDecomposition free = BoxDecomposition.nonDominated(pts, nn, ref);
            double[] u = new double[m];
            for (int t = 0; t < 4000; t++) {
                for (int k = 0; k < m; k++) u[k] = 0.1 + 1.4 * rnd.nextDouble();
                int inDom = count(dom, u), inFree = count(free, u);
                boolean d = dominatedBy(pts, nn, u);
                assertEquals(d ? 1 : 0, inDom, "dominated boxes holding " + Arrays.toString(u));
                assertEquals(d ? 0 : 1, inFree, "non-dominated boxes holding " + Arrays.toString(u));
            }
            // volumes within [r, U] add up to the volume of [r, U]
            double[] top = new double[m];
            Arrays.fill(top, 1.5);
            double total = Math.pow(1.4, m);
            assertEquals(total, dom.volume() + free.volumeBelow(top), 1e-12);
        }
    }

    @Test
    void nonDominatedBoxesGiveTheHypervolumeImprovement() {
        Random rnd = new Random(5);
        for (int m = 2; m <= 4; m++) {
            int n = m == 4 ? 5 : 10;
            double[] pts = randomFront(rnd, n, m, true);
            double[] ref = new double[m];
            BoxDecomposition free = BoxDecomposition.nonDominated(pts, n, ref);
            double base = gridHypervolume(pts, n, ref);
            for (int t = 0; t < 20; t++) {
                double[] y = new double[m];
                for (int k = 0; k < m; k++) y[k] = 1.2 * rnd.nextDouble() - 0.1;
                double[] with = Arrays.copyOf(pts, (n + 1) * m);
                System.arraycopy(y, 0, with, n * m, m);
                double want = gridHypervolume(with, n + 1, ref) - base;
                assertEquals(want, free.volumeBelow(y), 1e-12, "m=" + m + " y=" + Arrays.toString(y));
            }
        }
    }

    @Test
    void hypervolumeImprovementAgreesWithBruteForceMonteCarlo() {
        Random rnd = new Random(17);
        for (int m = 2; m <= 3; m++) {
            int n = 15;
            double[] pts = randomFront(rnd, n, m, true);
            double[] ref = new double[m];
            BoxDecomposition free = BoxDecomposition.nonDominated(pts, n, ref);
            double[] y = new double[m];
            for (int k = 0; k < m; k++) y[k] = 0.9;
            // uniform points in [r, y]: the fraction that no front point dominates, times the box volume
            int draws = 200_000, hits = 0;
            double[] u = new double[m];
            for (int t = 0; t < draws; t++) {
                for (int k = 0; k < m; k++) u[k] = ref[k] + (y[k] - ref[k]) * rnd.nextDouble();
                if (!dominatedBy(pts, n, u)) hits++;
            }
            double box = Math.pow(0.9, m), p = hits / (double) draws;
            double mc = box * p, se = box * Math.sqrt(p * (1 - p) / draws);
            double exact = free.volumeBelow(y);
            assertTrue(Math.abs(exact - mc) < 4 * se, "m=" + m + ": boxes " + exact + " vs Monte Carlo " + mc + " ± " + se);
        }
    }

    @Test
    void twoObjectivesNeedOneBoxMoreThanTheFront() {
        double[] pts = {1, 4, 2, 3, 3, 2, 4, 1, 1.5, 1.5};
        BoxDecomposition free = BoxDecomposition.nonDominated(pts, 5, new double[] {0, 0});
        assertEquals(5, free.size());
        BoxDecomposition dom = BoxDecomposition.dominated(pts, 5, new double[] {0, 0});
        assertEquals(4, dom.size());
        assertEquals(10, dom.volume(), 1e-15);
        assertTrue(Double.isInfinite(free.volume()));
    }

    @Test
    void noPointAboveTheReferenceLeavesOneUnboundedBox() {
        double[] pts = {-1, 5, 5, -1};
        BoxDecomposition free = BoxDecomposition.nonDominated(pts, 2, new double[] {0, 0});
        assertEquals(1, free.size());
        assertEquals(0, free.lower(0, 0));
        assertEquals(Double.POSITIVE_INFINITY, free.upper(0, 1));
        assertEquals(0, BoxDecomposition.dominated(pts, 2, new double[] {0, 0}).size());
        assertEquals(6.0, free.volumeBelow(new double[] {2, 3}), 0);
    }

    private static int count(BoxDecomposition b, double[] u) {
        int c = 0;
        for (int i = 0; i < b.size(); i++) {
            boolean in = true;
            for (int k = 0; k < b.objectives(); k++) {
                if (u[k] < b.lower(i, k) || u[k] >= b.upper(i, k)) { in = false; break; }
            }
            if (in) c++;
        }
        return c;
    }
}
