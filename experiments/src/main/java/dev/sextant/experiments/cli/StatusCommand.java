package dev.sextant.experiments.cli;

import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.study.Objective;
import dev.sextant.core.study.Study;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import dev.sextant.store.DatabaseStorage;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sextant status}: the studies in a store, or one study's summary. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows the studies in the store, or one study's summary.",
                "Without --study: every study with its trial counts. With --study: its definition, counts and best trial",
                "(for a multi-objective study: its Pareto front and hypervolume)."})
final class StatusCommand implements Callable<Integer> {
    @Mixin
    DbOption db;
    @Option(names = "--study", description = "study name")
    String study;

    @Override
    public Integer call() {
        String url = Stores.url(db.db, null);
        PrintStream o = System.out;
        try (DatabaseStorage storage = Stores.open(url)) {
            if (study == null) {
                List<String> names = storage.studyNames();
                o.println(names.size() + " stud" + (names.size() == 1 ? "y" : "ies") + " in " + url);
                for (String n : names) {
                    o.printf("  %-40s %s%n", n, counts(storage.trials(n)));
                }
                return 0;
            }
            StudySpec spec = storage.loadStudy(study).orElseThrow(() -> new CliException("no study '" + study + "' in "
                    + url + "; known: " + String.join(", ", storage.studyNames())));
            Study s = Study.open(study, storage, GenerationStrategy.sobolOnly());
            List<Trial> trials = s.trials();
            o.println("study '" + study + "' (" + url + ")");
            o.println("  objective" + (spec.isMultiObjective() ? "s: " : ": ") + String.join(", ",
                    spec.objectives().stream().map(StatusCommand::describe).toList()));
            if (!spec.outcomeConstraints().isEmpty()) {
                o.println("  outcome constraints: " + spec.outcomeConstraints());
            }
            o.println("  parameters: " + spec.space().parameters().stream().map(p -> p.name()).toList());
            o.println("  generation: " + spec.generation().acquisition() + " after "
                    + spec.generation().initialTrials(spec.space().dimension()) + " initial trials"
                    + (spec.generation().initialTrials() < 0 ? " (the default, max(5, 2 x dimension))" : ""));
            o.println("  trials: " + counts(trials) + (trials.isEmpty() ? "" : " (numbered 1 to " + trials.size() + ")"));
            if (spec.isMultiObjective()) {
                CampaignSession.printParetoFront(s.paretoFront(), spec, o);
            } else {
                CampaignSession.printBest(s.best(), spec, o);
            }
        }
        return 0;
    }

    /** "maximize reward (threshold 0.3)". */
    private static String describe(Objective objective) {
        return objective.goal().name().toLowerCase(java.util.Locale.ROOT) + " " + objective.metric()
                + (objective.threshold() == null ? "" : " (threshold " + BenchCommand.fmt(objective.threshold()) + ")");
    }

    static String counts(List<Trial> trials) {
        Map<TrialState, Integer> c = new EnumMap<>(TrialState.class);
        for (Trial t : trials) {
            c.merge(t.state(), 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder(trials.size() + " trials");
        c.forEach((k, v) -> sb.append(", ").append(v).append(' ').append(k.name().toLowerCase(java.util.Locale.ROOT)));
        return sb.toString();
    }
}
