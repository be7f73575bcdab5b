package dev.sextant.core.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrialStateTest {
    @Test
    void legalTransitionsAreExactlyTheDocumentedOnes() {
        Map<TrialState, Set<TrialState>> legal = Map.of(
                TrialState.CANDIDATE, EnumSet.of(TrialState.RUNNING, TrialState.COMPLETED, TrialState.FAILED, TrialState.ABANDONED),
                TrialState.RUNNING, EnumSet.of(TrialState.COMPLETED, TrialState.FAILED, TrialState.ABANDONED),
                TrialState.COMPLETED, EnumSet.noneOf(TrialState.class),
                TrialState.FAILED, EnumSet.noneOf(TrialState.class),
                TrialState.ABANDONED, EnumSet.noneOf(TrialState.class));
        for (TrialState from : TrialState.values()) {
            for (TrialState to : TrialState.values()) {
                assertEquals(legal.get(from).contains(to), from.canTransitionTo(to), from + " -> " + to);
            }
            assertFalse(from.canTransitionTo(null));
        }
    }

    @Test
    void finishedStates() {
        assertEquals(EnumSet.of(TrialState.COMPLETED, TrialState.FAILED, TrialState.ABANDONED),
                EnumSet.copyOf(java.util.Arrays.stream(TrialState.values()).filter(TrialState::isFinished).toList()));
    }

    @Test
    void illegalTransitionMessageSaysWhatHappened() {
        IllegalTransitionException e = new IllegalTransitionException(12, TrialState.COMPLETED, TrialState.COMPLETED);
        assertTrue(e.getMessage().startsWith("trial 12 is COMPLETED; it cannot be told again"), e.getMessage());
        assertEquals(12, e.trialId());
        assertEquals(TrialState.COMPLETED, e.from());
        assertEquals(TrialState.COMPLETED, e.to());
        assertTrue(new IllegalTransitionException(3, TrialState.RUNNING, TrialState.CANDIDATE).getMessage()
                .contains("RUNNING -> CANDIDATE"));
    }
}
