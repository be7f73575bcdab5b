package dev.sextant.experiments.cli;

import dev.sextant.core.trial.Trial;
import dev.sextant.core.trial.TrialState;
import dev.sextant.experiments.campaign.Campaign;
import dev.sextant.experiments.campaign.CampaignParser;
import dev.sextant.experiments.campaign.CampaignRunner;
import dev.sextant.store.DatabaseStorage;
import dev.sextant.web.WebOptions;
import dev.sextant.web.WebServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sextant demo}: a steering campaign of 40 trials on the store, then a small two-objective one (reward against
 * divergence from the base model, 12 trials, study {@code <name>-front}) whose Pareto front the dashboard draws, with
 * the dashboard served while they run. Re-running resumes an unfinished {@code demo} pair, or starts {@code demo-2},
 * {@code demo-3}, … when the previous one is finished. The server stops when the campaigns end unless {@code --wait}
 * is given.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the steering demo campaign while serving the dashboard.",
                "The built-in steering campaign (40 trials: guidance scale, reward temperature, steps,",
                "stochasticity, guidance start, sampler) on the store while serving the dashboard at",
                "http://127.0.0.1:7070; prints the best configuration; then a small two-objective study",
                "(<name>-front: reward against divergence from the base model) whose Pareto front and",
                "hypervolume are printed and drawn by the dashboard. Both studies stay in the store",
                "(see them again with `sextant serve`). The server stops with the campaigns unless --wait is given.",
                "Re-running resumes an unfinished demo study or starts the next one (demo-2, demo-3, ...)."})
final class DemoCommand implements Callable<Integer> {
    static final String RESOURCE = "/dev/sextant/experiments/cli/demo.yaml";
    /** The second, multi-objective demo campaign (study {@code <name>-front}). */
    static final String FRONT_RESOURCE = "/dev/sextant/experiments/cli/demo-front.yaml";
    static final String FRONT_SUFFIX = "-front";

    @Mixin
    DbOption db;
    @Option(names = "--no-serve", description = "run without the web server")
    boolean noServe;
    @Option(names = {"--wait", "--serve-after"}, description = "keep serving the dashboard after the campaign until Ctrl-C")
    boolean waitAfter;
    @Option(names = "--port", defaultValue = "7070", description = "dashboard port, default ${DEFAULT-VALUE}")
    int port;
    @Option(names = "--trials", description = "trial budget (default 40)")
    Integer trials;
    @Option(names = "--front-trials", description = "trial budget of the two-objective study (default 12)")
    Integer frontTrials;
    @Option(names = "--study", description = "study name (default: demo, or the next free demo-N)")
    String study;
    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;
    @Option(names = "--seeds", paramLabel = "A-B",
            description = "headless: run the campaign once per seed A..B on temporary stores (no server) and print the "
                    + "feasible fraction of the model's trials and its predicted feasibility")
    String seeds;
    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "with --seeds: a generation option added to the campaign's (repeatable)")
    java.util.Map<String, String> options = new java.util.LinkedHashMap<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        String template = resource(RESOURCE);
        if (seeds != null) {
            String[] ab = seeds.split("-", 2);
            try {
                long a = Long.parseLong(ab[0].trim());
                long b = ab.length > 1 ? Long.parseLong(ab[1].trim()) : a;
                if (b < a) {
                    throw new NumberFormatException();
                }
                DemoFeasibility.run(template, a, b, options, trials, System.out);
                return 0;
            } catch (NumberFormatException e) {
                throw new CliException("--seeds takes a seed or a range A-B with A ≤ B (e.g. 0-9), got '" + seeds + "'");
            }
        }
        String url = Stores.url(db.db, null);
        try (DatabaseStorage storage = Stores.open(url)) {
            String name = study != null ? study : pickName(storage);
            String text = template.replaceFirst("(?m)^name: demo$", "name: " + name);
            if (trials != null) {
                text = text.replaceFirst("trials: 40", "trials: " + trials);
            }
            Campaign campaign = CampaignParser.parse("demo.yaml", text, Path.of("."));
            String frontName = name + FRONT_SUFFIX;
            String frontText = resource(FRONT_RESOURCE).replaceFirst("(?m)^name: demo-front$", "name: " + frontName);
            if (frontTrials != null) {
                frontText = frontText.replaceFirst("trials: 12", "trials: " + frontTrials);
            }
            Campaign front = CampaignParser.parse("demo-front.yaml", frontText, Path.of("."));
            System.out.println("sextant demo: study '" + name + "' on " + url);
            WebServer server = null;
            if (!noServe) {
                server = startNear(port, storage);
                System.out.println("dashboard: " + ServeCommand.address(server) + "/  (open it to watch the campaign)");
            }
            try {
                if (!finished(storage, name)) {
                    CampaignSession.run(campaign, text, storage, CampaignRunner.Options.forRun(null), !noProgress, System.out);
                }
                System.out.println("sextant demo: the Pareto front of reward against divergence from the base model, "
                        + "study '" + frontName + "'");
                // the session prints the front once (size, hypervolume, reference point, one line per trial)
                CampaignSession.run(front, frontText, storage, CampaignRunner.Options.forRun(null), !noProgress, System.out);
                if (server != null) {
                    System.out.println("the front of '" + frontName + "' on the dashboard: " + ServeCommand.address(server)
                            + "/study.html?name=" + frontName);
                }
                System.out.println("the studies '" + name + "' and '" + frontName + "' stay in the store: "
                        + "`./sextant serve` shows them, `./sextant export --study " + name + "` exports one");
                if (server != null && waitAfter) {
                    System.out.println("still serving " + ServeCommand.address(server) + " (Ctrl-C to stop)");
                    CountDownLatch done = new CountDownLatch(1);
                    Runtime.getRuntime().addShutdownHook(new Thread(done::countDown));
                    done.await();
                }
            } finally {
                if (server != null) {
                    server.close();
                }
            }
        }
        return 0;
    }

    /** Serves on {@code port}, or on the next free one of the following nine (with a note) when it is taken. */
    static WebServer startNear(int port, DatabaseStorage storage) {
        CliException first = null;
        for (int p = port; p < port + 10; p++) {
            try {
                WebServer s = ServeCommand.start(WebOptions.defaults().withPort(p), storage);
                if (p != port) {
                    System.out.println("port " + port + " is taken; serving on " + p + " instead");
                }
                return s;
            } catch (CliException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first;
    }

    /**
     * "demo" if absent or unfinished (it or its {@code -front} study), else the first demo-N that is absent or
     * unfinished.
     */
    static String pickName(DatabaseStorage storage) {
        for (int i = 1; ; i++) {
            String n = i == 1 ? "demo" : "demo-" + i;
            if (!finished(storage, n) || !finished(storage, n + FRONT_SUFFIX)) {
                return n;   // absent, or an interrupted demo: resume it
            }
        }
    }

    /** Whether the study exists and has as many finished (completed or failed) trials as its stored budget. */
    static boolean finished(DatabaseStorage storage, String study) {
        if (storage.loadStudy(study).isEmpty()) {
            return false;
        }
        List<Trial> trials = storage.trials(study);
        long finished = trials.stream().filter(t -> t.state() == TrialState.COMPLETED || t.state() == TrialState.FAILED).count();
        int budget = CampaignSession.stored(storage, study).map(c -> c.budget().trialLimit()).orElse(0);
        return finished >= budget;
    }

    static String resource(String path) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new CliException("the demo campaign resource " + path + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
