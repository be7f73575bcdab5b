package dev.sextant.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kept reference fixtures are found from the class path (no folder outside the repository) and are whole. No
 * test computes hypervolumes yet: this only checks that those cases are there, in the documented format, for the
 * multi-objective work to use.
 */
class FixtureFilesTest {
    @Test
    void theKeptGpCasesAreOnTheClassPath() {
        List<FixtureFiles.Entry> gp = FixtureFiles.list(FixtureFiles.GP_REFERENCE, "sextant.fixtures.none");
        assertEquals(List.of("matern52_n20_d3.json", "matern52_n60_d6.json", "rbf_n40_d4.json"),
                gp.stream().map(FixtureFiles.Entry::label).toList());
    }

    @Test
    void theKeptHypervolumeCasesAreOnTheClassPathInTheDocumentedFormat() throws Exception {
        List<FixtureFiles.Entry> hv = FixtureFiles.list(FixtureFiles.HYPERVOLUME, "sextant.fixtures.none");
        assertEquals(10, hv.size(), hv.toString());
        ObjectMapper mapper = new ObjectMapper();
        for (FixtureFiles.Entry e : hv) {
            JsonNode j;
            try (InputStream in = Files.newInputStream(e.path())) {
                j = mapper.readTree(in);
            }
            int m = j.get("ref_point").size();
            int n = j.get("points").size();
            assertTrue(m >= 2 && n >= 1, e.label());
            assertEquals(n, j.get("pareto_mask").size(), e.label() + " pareto_mask");
            j.get("points").forEach(p -> assertEquals(m, p.size(), e.label() + " point width"));
            assertTrue(j.get("hypervolume").isNumber() && j.get("hypervolume").asDouble() >= 0, e.label());
        }
    }
}
