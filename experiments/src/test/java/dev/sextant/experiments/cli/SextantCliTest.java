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

    @Test
    void demoRunsLeavesTheStudyAndARerunStartsTheNextOne() {
        String db = "jdbc:h2:file:" + dir.resolve("demo-db").toAbsolutePath();
        Object[] r = run("demo", "--no-serve", "--trials", "6", "--db", db, "--no-progress");
        assertEquals(0, r[0], (String) r[2]);
        String out = (String) r[1];
        assertTrue(out.contains("study 'demo'") && out.contains("6 completed"), out);
        assertTrue(out.contains("best trial #") && out.contains("guidance_scale = "), out);
        r = run("demo", "--no-serve", "--trials", "6", "--db", db, "--no-progress");
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(((String) r[1]).contains("study 'demo-2'"), (String) r[1]);
        r = run("status", "--db", db);
        assertTrue(((String) r[1]).contains("demo-2"), (String) r[1]);
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
