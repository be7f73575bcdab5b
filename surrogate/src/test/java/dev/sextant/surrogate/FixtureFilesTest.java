package dev.sextant.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sextant.core.fixtures.FixtureFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kept GP reference fixtures are found from the class path (no folder outside the repository). */
class FixtureFilesTest {
    @Test
    void theKeptGpCasesAreOnTheClassPath() {
        List<FixtureFiles.Entry> gp = FixtureFiles.list(FixtureFiles.GP_REFERENCE, "sextant.fixtures.none");
        assertEquals(List.of("matern52_n20_d3.json", "matern52_n60_d6.json", "rbf_n40_d4.json"),
                gp.stream().map(FixtureFiles.Entry::label).toList());
    }
}
