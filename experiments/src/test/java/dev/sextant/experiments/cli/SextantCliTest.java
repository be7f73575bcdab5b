package dev.sextant.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.study.Objective;
import dev.sextant.core.study.Study;
import dev.sextant.core.study.StudySpec;
import dev.sextant.store.DatabaseStorage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SextantCliTest {
    @TempDir
    Path dir;

    /** Runs the CLI in-process, returning {exit code, stdout, stderr}. */
    private static Object[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = SextantCli.execute(args);
            return new Object[] {code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : List.of("demo", "run", "worker", "serve", "bench", "export", "status", "delete")) {
            Object[] r = run(c, "--help");
            assertEquals(0, r[0], c);
            assertTrue(((String) r[1]).contains("Usage: sextant " + c), c + ": " + r[1]);
        }
        Object[] r = run("--help");
        assertEquals(0, r[0]);
        assertTrue(((String) r[1]).contains("bench"));
        assertEquals(2, run("bench", "--problem", "branin")[0], "missing required options is a usage error");
    }

    @Test
    void benchPrintsTheTableAndWritesTheJson() throws Exception {
        Path out = dir.resolve("b.json");
        Object[] r = run("bench", "--problem", "rosenbrock", "--dim", "3", "--init", "4", "--iters", "3", "--seeds", "3",
                "--acquisition", "sobol", "--noise", "0.1", "--out", out.toString(), "--no-progress");
        assertEquals(0, r[0], (String) r[2]);
        String table = (String) r[1];
        assertTrue(table.contains("median final regret"), table);
        JsonNode j = new ObjectMapper().readTree(out.toFile());
        assertEquals("rosenbrock3", j.get("problem").asText());
        assertEquals(3, j.get("dim").asInt());
        assertEquals(0.1, j.get("noise").asDouble());
        assertEquals(0.0, j.get("optimum").asDouble());
        assertEquals(3, j.get("seeds").size());
        assertEquals(3, j.get("seeds").get(0).get("best").size());
        assertTrue(j.get("seeds").get(0).get("regret").asDouble() >= 0);
        Object[] bad = run("bench", "--problem", "nope", "--init", "2", "--iters", "1", "--seeds", "1");
        assertEquals(1, bad[0]);
        assertTrue(((String) bad[2]).contains("unknown test function 'nope'"), (String) bad[2]);
    }

    /**
     * A two-objective steering campaign runs through the Sobol phase; its summary and {@code status} print the Pareto
     * front and the hypervolume, and the trials printed on the front are exactly those no other trial dominates and
     * that are no worse than the reward threshold; the non-dominated ones below it are printed apart, as left out
     * (checked here by brute force on the stored means).
     */
    @Test
    void aMultiObjectiveCampaignPrintsItsParetoFront() throws Exception {
        Path campaign = dir.resolve("mo.yaml");
        Files.writeString(campaign, """
                name: cli-front
                seed: 3
                parameters:
                  - {name: guidance_scale, type: float, low: 0.0, high: 10.0}
                  - {name: beta, type: float, low: 0.01, high: 10.0}
                objectives:
                  - {metric: reward, goal: maximize, threshold: 0.83}
                  - {metric: divergence, goal: minimize}
                budget: {trials: 8}
                batch: 4
                parallelism: 4
                generation: {initial: 8}
                evaluator: {builtin: steering, options: {samples: 64}}
                """);
        String db = "jdbc:h2:file:" + dir.resolve("mo-db").toAbsolutePath();
        Object[] r = run("run", campaign.toString(), "--db", db, "--no-progress");
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(((String) r[1]).contains("8 completed") && ((String) r[1]).contains("Pareto front: "), (String) r[1]);
        r = run("status", "--db", db, "--study", "cli-front");
        assertEquals(0, r[0], (String) r[2]);
        String status = (String) r[1];
        String threshold = BenchCommand.fmt(0.83);
        assertTrue(status.contains("objectives: maximize reward (threshold " + threshold + "), minimize divergence"),
                status);
        assertTrue(status.contains("above the reference point (reward " + threshold + " threshold, divergence "), status);
        assertTrue(status.contains("  generation: qlognehvi after 8 initial trials"), "names what it uses: " + status);
        java.util.Set<Long> printed = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^  #(\\d+):").matcher(status);
        while (m.find()) {
            printed.add(Long.parseLong(m.group(1)));
        }
        java.util.Set<Long> expected = new java.util.TreeSet<>();
        java.util.Set<Long> beyond = new java.util.TreeSet<>();
        try (DatabaseStorage storage = DatabaseStorage.open(db)) {
            List<dev.sextant.core.trial.Trial> trials = storage.trials("cli-front");
            for (var a : trials) {
                boolean dominated = false;
                for (var b : trials) {
                    double ra = a.values().get("reward").mean();
                    double rb = b.values().get("reward").mean();
                    double da = a.values().get("divergence").mean();
                    double db2 = b.values().get("divergence").mean();
                    dominated |= rb >= ra && db2 <= da && (rb > ra || db2 < da);
                }
                if (!dominated) {
                    (a.values().get("reward").mean() >= 0.83 ? expected : beyond).add(a.number());
                }
            }
        }
        assertEquals(expected, printed, status);
        assertTrue(status.contains("Pareto front: " + expected.size() + " trial(s), hypervolume "), status);
        java.util.Set<Long> printedBeyond = new java.util.TreeSet<>();
        m = java.util.regex.Pattern.compile("(?m)^  \\(#(\\d+)\\):.*worse than the threshold of reward$").matcher(status);
        while (m.find()) {
            printedBeyond.add(Long.parseLong(m.group(1)));
        }
        assertEquals(beyond, printedBeyond, status);
        assertTrue(!beyond.isEmpty(), "the threshold leaves a non-dominated trial out: " + status);
    }

    /**
     * A short run of examples/steering-reward-vs-divergence.yaml (10 trials instead of 30, 64 samples per trial)
     * through the real CLI: the summary reports the front and its hypervolume, and every trial after the 8 of the
     * initial design was proposed by the multi-objective acquisition (qLogNEHVI), not Sobol.
     */
    @Test
    void theRewardVsDivergenceExampleRunsWithTheMultiObjectiveAcquisition() throws Exception {
        Path example = Path.of("..", "examples", "steering-reward-vs-divergence.yaml");
        Assumptions.assumeTrue(Files.isRegularFile(example), "run from the module folder: " + example.toAbsolutePath()
                + " is missing");
        String text = Files.readString(example)
                .replaceFirst("trials: 30", "trials: 10")
                .replaceFirst("builtin: steering", "builtin: steering\n  options: {samples: 64}");
        assertTrue(text.contains("trials: 10") && text.contains("samples: 64"), "the example changed shape: " + text);
        Path campaign = dir.resolve("steering-reward-vs-divergence.yaml");
        Files.writeString(campaign, text);
        String db = "jdbc:h2:file:" + dir.resolve("example-db").toAbsolutePath();
        Object[] r = run("run", campaign.toString(), "--db", db, "--no-progress");
        assertEquals(0, r[0], (String) r[2]);
        String out = (String) r[1];
        assertTrue(out.contains("10 completed"), out);
        assertTrue(out.contains("Pareto front: ") && out.contains("hypervolume "), out);
        try (DatabaseStorage storage = DatabaseStorage.open(db)) {
            List<dev.sextant.core.trial.Trial> trials = storage.trials("steering-reward-vs-divergence");
            assertEquals(10, trials.size());
            for (var t : trials) {
                String what = "trial #" + t.number() + " " + t.generator() + " " + t.generation() + " in "
                        + trials.stream().map(x -> "#" + x.number() + " " + x.state() + " " + x.generator()).toList() + "\n" + out + r[2];
                if (t.number() <= 8) {
                    assertEquals("sobol", t.generator(), what);
                } else {
                    assertTrue(t.generator().startsWith("bayes:"), what);
                    assertEquals("qlognehvi", t.generation().get("acquisition"), what);
                    assertTrue(!t.generation().containsKey("fallback"), what);
                }
                assertTrue(t.values().keySet().containsAll(List.of("reward", "base_divergence")), t.toString());
            }
            StudySpec spec = storage.loadStudy("steering-reward-vs-divergence").orElseThrow();
            assertTrue(spec.isMultiObjective(), spec.toString());
        }
    }

    @Test
    void benchSuiteRunsTheSelectedProblemsWithTheirProtocolsBesideTheReference() throws Exception {
        Path out = dir.resolve("suite.json");
        Object[] r = run("bench", "--suite", "public", "--problems", "branin,branin-q4", "--seeds", "0-2",
                "--acquisition", "sobol", "--threads", "2", "--json", out.toString(), "--no-progress");
        assertEquals(0, r[0], (String) r[2]);
        String table = (String) r[1];
        assertTrue(table.contains("geometric mean of ratios over 2 problems"), table);
        assertTrue(table.contains("BoTorch 0.18.1"), table);
        JsonNode j = new ObjectMapper().readTree(out.toFile());
        assertEquals("public", j.get("suite").asText());
        assertEquals(0, j.get("first_seed").asInt());
        assertEquals(2, j.get("problems").size());
        JsonNode batch = j.get("problems").get(1);
        assertEquals("branin-q4", batch.get("id").asText());
        assertEquals(4, batch.get("result").get("batch").asInt());
        assertEquals(3, batch.get("result").get("seeds").size());
        assertTrue(batch.get("result").get("seeds").get(2).get("regret").asDouble() >= 0);
        JsonNode branin = j.get("problems").get(0);
        assertEquals(10, branin.get("reference").get("regrets").size());
        assertTrue(branin.get("p_two_sided").asDouble() > 0 && branin.get("p_two_sided").asDouble() <= 1);

        assertEquals(2, run("bench", "--suite", "public", "--init", "5")[0], "the suite fixes the protocol");
        assertEquals(2, run("bench", "--problems", "branin")[0], "--problems needs --suite");
        Object[] unknown = run("bench", "--suite", "public", "--problems", "nope", "--no-progress");
        assertEquals(1, unknown[0]);
        assertTrue(((String) unknown[2]).contains("no problem 'nope'"), (String) unknown[2]);
        assertEquals(2, run("bench", "--problem", "branin", "--init", "2", "--iters", "1", "--seeds", "0-1",
                "--first-seed", "4")[0], "a seed range and --first-seed conflict");
    }

    @Test
    void runStatusAndExportOnAnH2Store() throws Exception {
        Path campaign = dir.resolve("c.yaml");
        Files.writeString(campaign, """
                name: cli-branin
                seed: 2
                budget: {trials: 6}
                batch: 3
                parallelism: 3
                generation: {initial: 6, acquisition: sobol}
                evaluator: {builtin: branin}
                """);
        String db = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
        Object[] r = run("run", campaign.toString(), "--db", db, "--no-progress");
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(((String) r[1]).contains("6 completed"), (String) r[1]);
        // running it again resumes: nothing left to do
        r = run("run", campaign.toString(), "--db", db, "--no-progress");
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(((String) r[1]).contains("0 completed, 0 failed this run (6 finished before)"), (String) r[1]);

        r = run("status", "--db", db);
        assertTrue(((String) r[1]).contains("cli-branin") && ((String) r[1]).contains("6 completed"), (String) r[1]);
        r = run("status", "--db", db, "--study", "cli-branin");
        assertTrue(((String) r[1]).contains("best trial"), (String) r[1]);

        Path csv = dir.resolve("t.csv");
        assertEquals(0, run("export", "--db", db, "--study", "cli-branin", "--out", csv.toString())[0]);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(7, lines.size());
        assertTrue(lines.get(0).startsWith("number,state,generator,worker,created,updated,x0,x1,value,value_sem,failure_reason"),
                lines.get(0));
        for (int i = 1; i <= 6; i++) {
            assertTrue(lines.get(i).startsWith(i + ",COMPLETED,"), lines.get(i));
        }
        Path json = dir.resolve("t.json");
        assertEquals(0, run("export", "--db", db, "--study", "cli-branin", "--out", json.toString())[0]);
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(6, j.get("trials").size());
        assertEquals("COMPLETED", j.get("trials").get(0).get("state").asText());
        assertTrue(j.get("trials").get(0).get("values").has("value"));
        for (int i = 0; i < 6; i++) {
            assertEquals(i + 1, j.get("trials").get(i).get("number").asLong());
        }
        r = run("status", "--db", db, "--study", "cli-branin");
        assertTrue(((String) r[1]).contains("6 trials, 6 completed (numbered 1 to 6)"), (String) r[1]);
        assertTrue(((String) r[1]).contains("after 6 initial trials"), (String) r[1]);
        java.util.regex.Matcher best = java.util.regex.Pattern.compile("best trial #(\\d+)").matcher((String) r[1]);
        assertTrue(best.find() && Integer.parseInt(best.group(1)) <= 6, (String) r[1]);

        // delete: refused without --yes when nobody can answer, done with --yes
        r = run("delete", "--db", db, "--study", "cli-branin");
        assertEquals(1, r[0]);
        assertTrue(((String) r[2]).contains("not a terminal") && ((String) r[2]).contains("--yes"), (String) r[2]);
        assertTrue(((String) run("status", "--db", db)[1]).contains("cli-branin"), "a refused delete keeps the study");
        r = run("delete", "--db", db, "--study", "cli-branin", "--yes");
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(((String) r[1]).contains("deleted study 'cli-branin' with 6 trials"), (String) r[1]);
        assertTrue(((String) run("status", "--db", db)[1]).startsWith("0 studies"), "deleted");
        r = run("delete", "--db", db, "--study", "cli-branin", "--yes");
        assertEquals(1, r[0]);
        assertTrue(((String) r[2]).contains("no study 'cli-branin'"), (String) r[2]);

        r = run("export", "--db", db, "--study", "nope");
        assertEquals(1, r[0]);
        assertTrue(((String) r[2]).contains("no study 'nope'"), (String) r[2]);
    }

    @Test
    void invalidCampaignReportsFileAndLine() throws Exception {
        Path campaign = dir.resolve("bad.yaml");
        Files.writeString(campaign, "name: x\nbudget: {trials: 0}\nevaluator: {builtin: branin}\n");
        Object[] r = run("run", campaign.toString(), "--db", "jdbc:h2:mem:x", "--no-progress");
        assertEquals(1, r[0]);
        assertTrue(((String) r[2]).contains("bad.yaml:2: budget.trials: expected a whole number >= 1"), (String) r[2]);
    }

    /**
     * Lookahead, knowledge gradient and the single-objective MC acquisitions (qlognei, the single-objective default,
     * included) optimise one objective: a two-objective campaign naming one is refused when
     * it is read (the line of the acquisition, the acquisitions that support several objectives), and nothing is
     * stored, rather than failing when the first model-based trial is asked.
     */
    @Test
    void lookaheadAndKnowledgeGradientRefuseSeveralObjectivesNamingTheOnesThatTakeThem() throws Exception {
        String db = "jdbc:h2:file:" + dir.resolve("mo-kg-db").toAbsolutePath();
        for (String acquisition : List.of("kg", "lookahead2", "lookahead3", "qlognei")) {
            Path campaign = dir.resolve("mo-" + acquisition + ".yaml");
            Files.writeString(campaign, """
                    name: mo-ACQ
                    parameters:
                      - {name: guidance_scale, type: float, low: 0.0, high: 10.0}
                    objectives:
                      - {metric: reward, goal: maximize}
                      - {metric: base_divergence, goal: minimize}
                    generation: {initial: 4, acquisition: ACQ}
                    budget: {trials: 6}
                    evaluator: {builtin: steering, options: {samples: 32}}
                    """.replace("ACQ", acquisition));
            Object[] r = run("run", campaign.toString(), "--db", db, "--no-progress");
            assertEquals(1, r[0], acquisition + ": " + r[1]);
            String err = (String) r[2];
            assertTrue(err.contains("mo-" + acquisition + ".yaml:7:"), err);
            assertTrue(err.contains("acquisition '" + acquisition + "' optimises a single objective")
                    && err.contains("reward, base_divergence") && err.contains("qlognehvi") && err.contains("qnparego"), err);
        }
        try (DatabaseStorage storage = DatabaseStorage.open(db)) {
            for (String acquisition : List.of("kg", "lookahead2", "lookahead3", "qlognei")) {
                assertTrue(storage.loadStudy("mo-" + acquisition).isEmpty(), "a refused campaign stored nothing");
            }
        }
    }

    @Test
    void validateRejectsEveryBadGenerationOptionWithItsLine() throws Exception {
        for (String[] bad : dev.sextant.experiments.campaign.CampaignParserTest.BAD_OPTIONS) {
            Path campaign = dir.resolve("opts.yaml");
            Files.writeString(campaign, dev.sextant.experiments.campaign.CampaignParserTest.withOption(bad[0]));
            Object[] r = run("run", "--validate", campaign.toString());
            assertEquals(1, r[0], bad[0] + ": " + r[1]);
            assertTrue(((String) r[2]).contains("opts.yaml:7: " + bad[1]), (String) r[2]);
        }
        Path ok = dir.resolve("ok.yaml");
        Files.writeString(ok, dev.sextant.experiments.campaign.CampaignParserTest.withOption("kernel: matern52"));
        Object[] r = run("run", "--validate", ok.toString());
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(((String) r[1]).contains("ok.yaml: ok"), (String) r[1]);
    }

    @Test
    void aStoredStudyWithInvalidOptionsStopsTheCampaignInsteadOfFallingBackToSobol() throws Exception {
        Path campaign = dir.resolve("old.yaml");
        Files.writeString(campaign, dev.sextant.experiments.campaign.CampaignParserTest.withOption("mc_samples: 64"));
        String db = "jdbc:h2:file:" + dir.resolve("old").toAbsolutePath();
        dev.sextant.core.study.StudySpec valid = dev.sextant.experiments.campaign.CampaignParser.parse(campaign).spec();
        try (dev.sextant.store.DatabaseStorage storage = dev.sextant.store.DatabaseStorage.open(db)) {
            // older data: options written straight into the store, as before they were validated
            storage.createStudy(new dev.sextant.core.study.StudySpec(valid.name(), valid.space(), valid.objective(),
                    valid.outcomeConstraints(), new dev.sextant.core.study.GenerationSettings(2, "qlognei",
                    java.util.Map.of("mc_samples", 0)), valid.seed()));
        }
        Object[] r = run("run", campaign.toString(), "--db", db, "--no-progress");
        assertEquals(1, r[0], (String) r[1]);
        assertTrue(((String) r[2]).contains("study 'opts' is stored with generation settings that are not valid: "
                + "generation.mc_samples: got 0; allowed: an integer from 1 to 16384"), (String) r[2]);
        assertTrue(!((String) r[1]).contains("Sobol") && !((String) r[2]).contains("Sobol"), r[1] + " " + r[2]);
        try (dev.sextant.store.DatabaseStorage storage = dev.sextant.store.DatabaseStorage.open(db)) {
            assertTrue(storage.trials("opts").isEmpty(), "no trial was drawn");
        }
    }

    /**
     * The demo runs its constrained single-objective study and then the two-objective one ({@code demo-front}, here 9
     * trials: 6 Sobol, then one qLogNEHVI batch of 3), prints the best trial of the first and the front with its
     * hypervolume of the second; the served API (what the dashboard's Pareto section reads) returns that front; a
     * rerun starts the next pair.
     */
    @Test
    void demoRunsLeavesTheStudyAndARerunStartsTheNextOne() throws Exception {
        String db = "jdbc:h2:file:" + dir.resolve("demo-db").toAbsolutePath();
        Object[] r = run("demo", "--no-serve", "--trials", "6", "--front-trials", "9", "--db", db, "--no-progress");
        assertEquals(0, r[0], (String) r[2]);
        String out = (String) r[1];
        assertTrue(out.contains("study 'demo'") && out.contains("6 completed"), out);
        assertTrue(out.contains("best trial #") && out.contains("guidance_scale = "), out);
        assertTrue(out.contains("study 'demo-front': 9 completed"), out);
        String frontPart = out.substring(out.indexOf("the Pareto front of reward against divergence"));
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("Pareto front: (\\d+) trial\\(s\\), hypervolume (\\S+) above").matcher(frontPart);
        assertTrue(m.find(), out);
        // the front's summary line is printed once
        assertEquals(1, frontPart.split("hypervolume ", -1).length - 1, out);
        try (DatabaseStorage storage = DatabaseStorage.open(db)) {
            StudySpec spec = storage.loadStudy("demo-front").orElseThrow();
            assertEquals(List.of("reward", "base_divergence"), spec.objectiveMetrics());
            List<dev.sextant.core.trial.Trial> trials = storage.trials("demo-front");
            for (var t : trials) {
                String what = "trial #" + t.number() + " " + t.generator() + " " + t.generation() + "\n" + out + r[2];
                assertEquals(t.number() <= 6 ? null : "qlognehvi", t.generation().get("acquisition"), what);
            }
            dev.sextant.core.study.ParetoFront front = dev.sextant.core.study.ParetoFront.of(spec, trials);
            assertEquals(front.trials().size(), Integer.parseInt(m.group(1)), out);
            assertTrue(front.hypervolume() > 0, out);
            // the printed front holds no trial below the reward threshold (0.2); those are printed as left out
            String printedFront = out.substring(out.indexOf("the Pareto front of reward against divergence"));
            java.util.regex.Matcher line = java.util.regex.Pattern.compile("(?m)^  #(\\d+): reward=(\\S+) ")
                    .matcher(printedFront);
            int lines = 0;
            while (line.find()) {
                lines++;
                assertTrue(Double.parseDouble(line.group(2)) >= 0.2, line.group() + "\n" + out);
            }
            assertEquals(front.trials().size(), lines, out);
            for (var t : front.beyondThresholds()) {
                assertTrue(printedFront.contains("  (#" + t.number() + "): "), out);
            }
            assertEquals(BenchCommand.fmt(front.hypervolume()), m.group(2), out);
            // the dashboard's Pareto section reads GET /api/studies/{name}/pareto: served from this store, it has the front
            try (dev.sextant.web.WebServer server = ServeCommand.start(dev.sextant.web.WebOptions.defaults().withPort(0), storage)) {
                var http = java.net.http.HttpClient.newHttpClient();
                var resp = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        ServeCommand.address(server) + "/api/studies/demo-front/pareto")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(200, resp.statusCode(), resp.body());
                JsonNode body = new ObjectMapper().readTree(resp.body());
                assertEquals(front.hypervolume(), body.get("hypervolume").asDouble(), 1e-9 * Math.max(1, front.hypervolume()));
                assertEquals(front.trials().size(), body.get("trials").size(), resp.body());
                assertEquals(trials.size(), body.get("hypervolumeByTrial").size(), resp.body());
            }
        }
        r = run("demo", "--no-serve", "--trials", "6", "--front-trials", "3", "--db", db, "--no-progress");
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(((String) r[1]).contains("study 'demo-2'") && ((String) r[1]).contains("study 'demo-2-front'"),
                (String) r[1]);
        r = run("status", "--db", db);
        assertTrue(((String) r[1]).contains("demo-2") && ((String) r[1]).contains("demo-2-front"), (String) r[1]);
    }

    /**
     * Without --db or SEXTANT_DB a command opens the user's store (here the build's SEXTANT_HOME, which the pom points
     * at target/, so tests never touch ~/.sextant) and says on stderr which file it is and how many studies it holds.
     * How the folder is chosen (SEXTANT_HOME, else ~/.sextant, never the current folder) is ResolveUrlTest's part.
     */
    @Test
    void withoutDbTheUsersStoreIsOpenedAndNamedWithItsStudyCount() throws Exception {
        String home = System.getenv("SEXTANT_HOME");
        Assumptions.assumeTrue(home != null && !home.isBlank() && System.getenv("SEXTANT_DB") == null,
                "SEXTANT_HOME is not set (the pom's surefire settings set it); not touching the real ~/.sextant");
        Path folder = Path.of(home).toAbsolutePath().normalize();
        String file = folder.resolve("sextant") + ".mv.db";
        int before;
        try (DatabaseStorage storage = DatabaseStorage.open(DatabaseStorage.defaultUrl(folder))) {
            before = storage.studyNames().size();
            SearchSpace space = SearchSpace.builder().addFloat("x", 0, 1).build();
            Study.create(StudySpec.of("default-store-" + System.nanoTime(), space, Objective.minimize("y")), storage,
                    GenerationStrategy.sobolOnly());
        }
        Object[] r = run("status");
        assertEquals(0, r[0], (String) r[2]);
        int n = before + 1;
        assertTrue(((String) r[2]).contains("sextant: store " + file + " (" + n + " stud" + (n == 1 ? "y" : "ies") + ")"),
                (String) r[2]);
        assertTrue(Files.exists(Path.of(file)), file);
    }
}
