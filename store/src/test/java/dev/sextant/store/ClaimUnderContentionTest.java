package dev.sextant.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * claimCandidate while another transaction holds the oldest candidate's row lock (another worker in the middle of
 * claiming it): the next free candidate is handed out at once, never "none" while free candidates remain (on H2,
 * {@code FOR UPDATE SKIP LOCKED} with {@code FETCH FIRST 1 ROWS} returned no row in that case).
 */
class ClaimUnderContentionTest {
    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aLockedOldestCandidateIsSkippedNotTakenForNone(Backend backend) throws Exception {
        String url = backend.freshUrl(dir);
        try (DatabaseStorage storage = DatabaseStorage.open(url)) {
            storage.createStudy(Backend.spec("s"));
            for (int i = 1; i <= 3; i++) {
                storage.createTrial("s", TrialState.CANDIDATE, Map.of("x", i / 10.0, "n", 1L), Map.of(), "g", Map.of(), null);
            }
            try (Connection c = storage.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement st = c.prepareStatement(
                        "SELECT id FROM trials WHERE trial_number = 1 FOR UPDATE")) {
                    try (ResultSet rs = st.executeQuery()) {
                        assertTrue(rs.next());
                    }
                }
                // another thread (its own connection) claims while trial 1 is locked
                Optional<Trial> got = CompletableFuture.supplyAsync(() -> storage.claimCandidate("s", "w2"))
                        .get(60, TimeUnit.SECONDS);
                assertTrue(got.isPresent(), "no candidate handed out while trials 2 and 3 were free");
                assertEquals(2, got.get().number());
                c.rollback();
            }
            assertEquals(1, storage.claimCandidate("s", "w1").orElseThrow().number());
            assertEquals(3, storage.claimCandidate("s", "w1").orElseThrow().number());
            assertTrue(storage.claimCandidate("s", "w1").isEmpty());
        }
    }
}
