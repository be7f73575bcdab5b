package dev.sextant.acquisition.lookahead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.core.generate.Candidate;
import dev.sextant.core.generate.GenerationRequest;
import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.GenerationSettings;
import dev.sextant.core.study.InMemoryStorage;
import dev.sextant.core.study.Objective;
import dev.sextant.core.study.Study;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Trial;
import dev.sextant.surrogate.kernel.KernelType;
import dev.sextant.surrogate.model.GpModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameter constraints hold for every point of the tree, not only the proposal. */
class ParameterConstraintTest {

    @Test
    void everyTreePointSatisfiesLinearConstraints() {
        GpModel model = TreeGradientTest.randomModel(KernelType.RBF, 8, 2, 1e-4, 12);
        // x0 + x1 <= 0.6 and x0 >= 0.1 (−x0 <= −0.1)
        double[][] a = {{1, 1}, {-1, 0}};
        double[] b = {0.6, -0.1};
        for (LookaheadOptions o : List.of(LookaheadOptions.steps(2, 4, 2).withRestarts(2, 16, 60),
                LookaheadOptions.knowledgeGradient(6, 3).withRestarts(2, 16, 60),
                LookaheadOptions.steps(4, 3).withShape(new int[] {3}, new int[] {2, 1}).withRestarts(2, 16, 60))) {
            MultiStepLookahead la = new MultiStepLookahead(model, o).constrain(a, b, null);
            LookaheadResult r = la.optimize(null);
            double[] t = r.tree();
            for (int i = 0; i < la.nodes(); i++) {
                assertTrue(t[2 * i] + t[2 * i + 1] <= 0.6 + 1e-9 && t[2 * i] >= 0.1 - 1e-9,
                        o + ": point " + i + " (" + t[2 * i] + ", " + t[2 * i + 1] + ") is infeasible");
            }
            assertEquals(la.value(t), r.value(), 1e-9 * (1 + Math.abs(r.value())));
            assertTrue(Double.isFinite(r.value()));
        }
    }

    @Test
    void generatorProposesFeasibleCandidatesUnderAConstraintOverALogScaleParameter() {
        SearchSpace space = SearchSpace.builder().addFloat("a", 1e-3, 1, true).addFloat("b", 0, 1)
                .addConstraint("a + b <= 0.5").build();
        StudySpec spec = new StudySpec("constrained", space, Objective.minimize("f"), List.of(),
                new GenerationSettings(4, "lookahead2", Map.of("fantasies", List.of(3, 2), "restarts", 2)), 3);
        Study study = Study.create(spec, new InMemoryStorage(), GenerationStrategy.sobolOnly());
        for (int i = 0; i < 6; i++) {
            Trial t = study.ask();
            double x = ((Number) t.parameters().get("a")).doubleValue();
            double y = ((Number) t.parameters().get("b")).doubleValue();
            study.tell(t, Map.of("f", (x - 0.2) * (x - 0.2) + (y - 0.1) * (y - 0.1)));
        }
        List<Candidate> c = LookaheadGenerators.forName("lookahead2", spec).orElseThrow()
                .generate(new GenerationRequest(spec, study.trials(), List.of(), 2, 5));
        assertEquals(2, c.size());
        for (Candidate cand : c) {
            double x = ((Number) cand.parameters().get("a")).doubleValue();
            double y = ((Number) cand.parameters().get("b")).doubleValue();
            assertTrue(x + y <= 0.5 + 1e-9, "candidate " + cand.parameters() + " violates a + b <= 0.5");
        }
    }
}
