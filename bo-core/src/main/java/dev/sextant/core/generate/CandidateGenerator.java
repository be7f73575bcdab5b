package dev.sextant.core.generate;

import java.util.List;

/**
 * Proposes new points given a study's history (the generator SPI). Implementations must be thread-safe and
 * deterministic given the request (its seed and history).
 */
public interface CandidateGenerator {
    /** Recorded on each trial it produces, e.g. "sobol" or "bayes:qlognei". */
    String name();

    /**
     * Proposes {@code request.count()} candidates (fewer only when the space cannot hold more distinct points).
     * Parameters must be valid for the space and satisfy its constraints; pending points should be avoided.
     */
    List<Candidate> generate(GenerationRequest request);
}
