package dev.sextant.experiments.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A reference optimiser's per-seed results on one suite problem, read from the classpath resource
 * {@code bench/reference/<problem id>.jsonl} (one JSON object per seed; where each file came from:
 * {@code bench/reference/README.md}). {@code implementation} says what produced them (e.g. "BoTorch 0.11.3 …");
 * {@code measuredHere} is true when they were run on the development machine, so that their seconds per iteration
 * compare with ours (the anchors ran on another machine: their times are shown but not compared).
 */
public record Reference(String problem, String implementation, boolean measuredHere, List<Run> runs) {
    /** One seed: best true score, regret = |optimum − best| (+∞ when nothing feasible was found), wall s / iteration. */
    public record Run(long seed, double best, double regret, double secondsPerIter) {
    }

    public Reference {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(implementation, "implementation");
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("reference for '" + problem + "' has no runs");
        }
    }

    /** The per-seed regrets in file order (a fresh array). */
    public double[] regrets() {
        return runs.stream().mapToDouble(Run::regret).toArray();
    }

    public double medianRegret() {
        return BenchmarkResult.median(regrets());
    }

    public double medianSecondsPerIter() {
        return BenchmarkResult.median(runs.stream().mapToDouble(Run::secondsPerIter).toArray());
    }

    /** The reference results of suite problem {@code problemId}, or empty when the repository has none. */
    public static Optional<Reference> forProblem(String problemId) {
        String path = "/bench/reference/" + problemId + ".jsonl";
        try (InputStream in = Reference.class.getResourceAsStream(path)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(parse(problemId, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Parses JSON lines {"problem", "seed", "best", "regret", "seconds_per_iter", "implementation", "measured_here",
     * …}; a null regret means no feasible point (+∞). Every line must name {@code problemId} and the same
     * implementation.
     */
    static Reference parse(String problemId, BufferedReader lines) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Run> runs = new ArrayList<>();
        String implementation = null;
        Boolean here = null;
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            String where = "reference " + problemId + " line " + number;
            if (!problemId.equals(n.path("problem").asText())) {
                throw new IllegalArgumentException(where + " is for problem '" + n.path("problem").asText() + "'");
            }
            String impl = n.path("implementation").asText();
            boolean h = n.path("measured_here").asBoolean();
            if (implementation == null) {
                implementation = impl;
                here = h;
            } else if (!implementation.equals(impl) || here != h) {
                throw new IllegalArgumentException(where + " mixes implementations or machines");
            }
            JsonNode regret = n.path("regret");
            runs.add(new Run(n.path("seed").asLong(), n.path("best").asDouble(Double.NaN),
                    regret.isNumber() ? regret.asDouble() : Double.POSITIVE_INFINITY,
                    n.path("seconds_per_iter").asDouble(Double.NaN)));
        }
        if (implementation == null) {
            throw new IllegalArgumentException("reference " + problemId + " is empty");
        }
        return new Reference(problemId, implementation, here, runs);
    }
}
