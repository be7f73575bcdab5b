package dev.sextant.store;

import dev.sextant.core.generate.Candidate;
import dev.sextant.core.generate.CandidateGenerator;
import dev.sextant.core.generate.GenerationRequest;
import dev.sextant.core.trial.Trial;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A deterministic test generator over {@link Backend#spec}: x is the middle of the widest gap between the x values of
 * all completed and pending trials (and 0 and 1), n follows the trial count. Two workers generating from the same
 * state propose the same point, so any lapse in cross-process serialisation shows up as a duplicate.
 */
final class GapFiller implements CandidateGenerator {
    @Override
    public String name() {
        return "gap-filler";
    }

    @Override
    public List<Candidate> generate(GenerationRequest request) {
        List<Double> xs = new ArrayList<>(List.of(0.0, 1.0));
        for (List<Trial> list : List.of(request.completed(), request.pending())) {
            for (Trial t : list) {
                xs.add(((Number) t.parameters().get("x")).doubleValue());
            }
        }
        int seen = request.completed().size() + request.pending().size();
        List<Candidate> out = new ArrayList<>();
        for (int k = 0; k < request.count(); k++) {
            Collections.sort(xs);
            double best = -1;
            double at = 0.5;
            for (int i = 1; i < xs.size(); i++) {
                double gap = xs.get(i) - xs.get(i - 1);
                if (gap > best) {
                    best = gap;
                    at = xs.get(i - 1) + gap / 2;
                }
            }
            xs.add(at);
            out.add(new Candidate(Map.of("x", at, "n", 1L + (seen + k) % 10), Map.of("gap", best)));
        }
        return out;
    }
}
