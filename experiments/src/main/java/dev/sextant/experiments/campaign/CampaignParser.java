package dev.sextant.experiments.campaign;

import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.study.InvalidGenerationOptionException;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.study.StudySpecCodec;
import dev.sextant.experiments.benchmark.TestFunction;
import dev.sextant.experiments.benchmark.TestFunctions;
import dev.sextant.experiments.steering.SamplerConfig;
import dev.sextant.experiments.steering.SteeringMetrics;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads campaign files (YAML). Every problem is reported with the file, the line and the key path
 * ({@code "campaign.yaml:7: parameters[1].low: expected a number, got 'abc'"}), and all problems of a file come in one
 * {@link CampaignException} (see {@link CampaignException#problems()}). A quoted number ({@code trials: "5"}) is a
 * string in YAML and is refused with a message saying to write it without quotes. The YAML is composed into
 * snakeyaml nodes, whose marks give each key path its line, and the study part is checked by
 * {@link StudySpecCodec#fromMap}, whose key-path messages are mapped back to lines.
 */
public final class CampaignParser {
    static final Set<String> TOP_KEYS = Set.of("name", "seed", "description", "parameters", "parameter_constraints",
            "objective", "objectives", "outcome_constraints", "budget", "batch", "parallelism", "generation", "evaluator",
            "store");
    static final Set<String> BUDGET_KEYS = Set.of("trials", "wall_time");
    static final Set<String> EVALUATOR_KEYS = Set.of("builtin", "command", "timeout", "result_file", "env", "workdir",
            "options");
    private static final Pattern PATH = Pattern.compile("^([A-Za-z_][\\w]*(?:\\[\\d+\\]|\\.[A-Za-z_][\\w]*)*)\\s*:");
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

    private final String source;
    private final Map<String, Integer> lines = new HashMap<>();
    /** Key path → value of every quoted scalar (single or double quotes), for the quoted-number hint. */
    private final Map<String, String> quotedScalars = new HashMap<>();

    private CampaignParser(String source) {
        this.source = source;
    }

    /** Parses and validates a campaign file; relative paths resolve against its folder. */
    public static Campaign parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CampaignException(file.toString(), 0, "cannot read the campaign file: " + e.getMessage());
        }
        Path dir = file.toAbsolutePath().getParent();
        return new CampaignParser(file.getFileName().toString()).parseText(text, dir);
    }

    /** Parses campaign text; {@code source} names it in error messages. */
    public static Campaign parse(String source, String text, Path baseDir) {
        return new CampaignParser(source).parseText(text, baseDir);
    }

    private CampaignException error(String path, String message) {
        return new CampaignException(source, lineOf(path), (path.isEmpty() ? "" : path + ": ") + message
                + quotedNumberHint(path));
    }

    /**
     * Quoted numbers are refused, not read as numbers: in YAML {@code "5"} is a string, and a campaign file should mean
     * what YAML says. When the value at {@code path} is a quoted number, the message says so and how to write it.
     */
    private String quotedNumberHint(String path) {
        String v = quotedScalars.get(path);
        if (v == null) {
            return "";
        }
        try {
            Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            return "";
        }
        return " (the quotes make it a string in YAML: write " + v.strip() + " without quotes)";
    }

    private int lineOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer l = lines.get(p);
            if (l != null) {
                return l;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut <= 0 ? "" : p.substring(0, cut);
        }
        return lines.getOrDefault("", 0);
    }

    @SuppressWarnings("unchecked")
    private Campaign parseText(String text, Path baseDir) {
        LoaderOptions lo = new LoaderOptions();
        lo.setAllowDuplicateKeys(false);
        Object root;
        try {
            Node node = new Yaml(new SafeConstructor(lo)).compose(new StringReader(text));
            if (node == null) {
                throw new CampaignException(source, 0, "the campaign file is empty");
            }
            index(node, "");
            root = new Yaml(new SafeConstructor(lo)).load(text);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            throw new CampaignException(source, line, "not valid YAML: " + problem.trim());
        } catch (YAMLException e) {
            throw new CampaignException(source, 0, "not valid YAML: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> rootMap)) {
            throw error("", "a campaign file is a mapping of keys (name, parameters, objective, evaluator, ...)");
        }
        // every section is checked even when an earlier one failed, so that one report lists every problem
        List<CampaignException> problems = new ArrayList<>();
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : rootMap.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (!TOP_KEYS.contains(k)) {
                problems.add(error(k, "unknown key; known keys: " + String.join(", ", sorted(TOP_KEYS))));
            } else {
                m.put(k, e.getValue());
            }
        }
        if (!m.containsKey("name")) {
            problems.add(error("", "missing key 'name' (the study name)"));
        }
        EvaluatorSpec evaluator = null;
        if (!m.containsKey("evaluator")) {
            problems.add(error("", "missing key 'evaluator' (builtin: NAME or command: [...])"));
        } else {
            evaluator = attempt(problems, () -> evaluator(m.get("evaluator")));
        }
        Map<String, Object> study = new LinkedHashMap<>();
        for (String k : List.of("name", "seed", "parameters", "parameter_constraints", "objective", "objectives",
                "outcome_constraints", "generation")) {
            if (m.containsKey(k)) {
                study.put(k, m.get(k));
            }
        }
        if (evaluator != null) {
            builtinDefaults(evaluator, study);
        }
        StudySpec spec = null;
        if (m.containsKey("name")) {
            try {
                spec = StudySpecCodec.fromMap(study);
            } catch (IllegalArgumentException e) {
                problems.addAll(studyErrors(e, study));
            }
        }
        if (spec != null) {
            StudySpec checked = spec;
            if (evaluator != null) {
                EvaluatorSpec ev = evaluator;
                attempt(problems, () -> {
                    checkBuiltinMetrics(ev, checked);
                    return null;
                });
            }
            try {
                GenerationStrategy.validate(spec);   // the installed strategy's check: acquisition name and options
            } catch (InvalidGenerationOptionException e) {
                problems.add(error(e.path(), e.problem()));
            }
        }
        Budget budget = attempt(problems, () -> budget(m.get("budget")));
        Integer batch = attempt(problems, () -> positiveInt("batch", m.getOrDefault("batch", 1)));
        Integer parallelism = attempt(problems, () -> positiveInt("parallelism", m.getOrDefault("parallelism", 1)));
        Object store = m.get("store");
        if (store != null && !(store instanceof String)) {
            problems.add(error("store", "expected a JDBC URL string, got " + describe(store)));
        }
        if (!problems.isEmpty()) {
            throw CampaignException.of(problems);
        }
        return new Campaign(source, spec, budget, batch, parallelism, evaluator, (String) store, baseDir);
    }

    /** Runs one check; a problem it finds is added to {@code problems} and null returned. */
    private static <T> T attempt(List<CampaignException> problems, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (CampaignException e) {
            problems.add(e);
            return null;
        }
    }

    /**
     * The problems of the study part: the codec stops at the first, so after it each parameter is checked on its own
     * (in a minimal study around it), and so are the objective and the generation settings (around a valid
     * parameter), which finds every bad parameter and a bad objective in one pass. Duplicates are dropped.
     */
    private List<CampaignException> studyErrors(IllegalArgumentException first, Map<String, Object> study) {
        Map<String, CampaignException> out = new LinkedHashMap<>();
        CampaignException e0 = studyError(first, study);
        out.put(e0.detail(), e0);
        Map<String, Object> dummyParameter = Map.of("name", "__x", "type", "float", "low", 0.0, "high", 1.0);
        Map<String, Object> dummyObjective = Map.of("metric", "__y", "goal", "minimize");
        if (study.get("parameters") instanceof List<?> params) {
            for (int i = 0; i < params.size(); i++) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("name", "check");
                one.put("parameters", List.of(params.get(i) == null ? "" : params.get(i)));
                one.put("objective", dummyObjective);
                String at = "parameters[" + i + "]";
                try {
                    StudySpecCodec.fromMap(one);
                } catch (IllegalArgumentException e) {
                    String msg = String.valueOf(e.getMessage()).replace("parameters[0]", at);
                    CampaignException ce = studyError(new IllegalArgumentException(msg), study);
                    out.putIfAbsent(ce.detail(), ce);
                }
            }
        }
        for (String key : List.of("objective", "objectives", "generation", "seed")) {
            if (!study.containsKey(key)) {
                continue;
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", "check");
            one.put("parameters", List.of(dummyParameter));
            if (!key.equals("objectives")) {
                one.put("objective", dummyObjective);
            }
            one.put(key, study.get(key));
            try {
                StudySpecCodec.fromMap(one);
            } catch (IllegalArgumentException e) {
                CampaignException ce = studyError(e, study);
                out.putIfAbsent(ce.detail(), ce);
            }
        }
        return new ArrayList<>(out.values());
    }

    /** Maps an exception from the study codec or search space to the line of the key it names. */
    private CampaignException studyError(IllegalArgumentException e, Map<String, Object> study) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        Matcher pm = PATH.matcher(msg);
        if (pm.find() && lineOf(pm.group(1)) > 0 && (lines.containsKey(pm.group(1)) || pm.group(1).contains("."))) {
            return new CampaignException(source, lineOf(pm.group(1)), msg + quotedNumberHint(pm.group(1)));
        }
        // a message naming a parameter: point at that parameter's entry
        Object params = study.get("parameters");
        if (params instanceof List<?> list) {
            Matcher q = QUOTED.matcher(msg);
            while (q.find()) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Map<?, ?> p && q.group(1).equals(String.valueOf(p.get("name")))) {
                        return new CampaignException(source, lineOf("parameters[" + i + "]"), "parameters[" + i + "]: " + msg);
                    }
                }
            }
        }
        for (String k : List.of("parameter_constraints", "outcome_constraints", "objectives", "objective", "generation",
                "parameters")) {
            if (msg.toLowerCase(java.util.Locale.ROOT).contains(k.replace('_', ' ')) || msg.contains(k)) {
                return new CampaignException(source, lineOf(k), msg);
            }
        }
        return new CampaignException(source, 0, msg);
    }

    // ---- evaluator ---------------------------------------------------------------------------------------------
    private EvaluatorSpec evaluator(Object value) {
        if (!(value instanceof Map<?, ?> em)) {
            throw error("evaluator", "expected a mapping with 'builtin' or 'command', got " + describe(value));
        }
        for (Object k : em.keySet()) {
            if (!EVALUATOR_KEYS.contains(String.valueOf(k))) {
                throw error("evaluator." + k, "unknown key; known: " + String.join(", ", sorted(EVALUATOR_KEYS)));
            }
        }
        Object builtin = em.get("builtin");
        Object command = em.get("command");
        if ((builtin == null) == (command == null)) {
            throw error("evaluator", "give exactly one of 'builtin' (a test function or steering) and 'command'");
        }
        String b = null;
        List<String> cmd = null;
        if (builtin != null) {
            b = String.valueOf(builtin).trim();
            if (!isSteering(b) && !TestFunctions.exists(b)) {
                throw error("evaluator.builtin", "unknown builtin '" + b + "'; use steering, steering3, steering4 or a test "
                        + "function: " + String.join(", ", TestFunctions.names()));
            }
            for (String k : List.of("result_file", "env")) {
                if (em.containsKey(k)) {
                    throw error("evaluator." + k, "only used with 'command'");
                }
            }
        } else {
            cmd = new ArrayList<>();
            if (command instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    Object a = list.get(i);
                    if (a == null || a instanceof Map || a instanceof List) {
                        throw error("evaluator.command[" + i + "]", "expected a string argument, got " + describe(a));
                    }
                    cmd.add(String.valueOf(a));
                }
            } else if (command instanceof String s) {
                for (String part : s.trim().split("\\s+")) {
                    if (!part.isEmpty()) {
                        cmd.add(part);
                    }
                }
            } else {
                throw error("evaluator.command", "expected a list of arguments like [python3, train.py, --lr, '{lr}'], got "
                        + describe(command));
            }
            if (cmd.isEmpty()) {
                throw error("evaluator.command", "the command is empty");
            }
        }
        Duration timeout = null;
        if (em.get("timeout") != null) {
            try {
                timeout = Durations.parse(em.get("timeout"));
            } catch (IllegalArgumentException e) {
                throw error("evaluator.timeout", e.getMessage());
            }
            if (timeout.isZero() || timeout.isNegative()) {
                throw error("evaluator.timeout", "must be positive");
            }
        }
        Object rf = em.get("result_file");
        Map<String, String> env = new LinkedHashMap<>();
        if (em.get("env") != null) {
            if (!(em.get("env") instanceof Map<?, ?> envMap)) {
                throw error("evaluator.env", "expected a mapping of variable names to values");
            }
            envMap.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        }
        Map<String, Object> options = new LinkedHashMap<>();
        if (em.get("options") != null) {
            if (!(em.get("options") instanceof Map<?, ?> om)) {
                throw error("evaluator.options", "expected a mapping");
            }
            om.forEach((k, v) -> options.put(String.valueOf(k), v));
            for (String k : options.keySet()) {
                if (!Set.of("samples", "noise").contains(k)) {
                    throw error("evaluator.options." + k, "unknown option; known: samples (steering), noise (test functions)");
                }
            }
        }
        Object wd = em.get("workdir");
        return new EvaluatorSpec(b, cmd, timeout, rf == null ? null : String.valueOf(rf), env,
                wd == null ? null : String.valueOf(wd), options);
    }

    static boolean isSteering(String name) {
        return name.matches("steering[234]?(d)?");
    }

    /** For a builtin test function: default parameters (its box) and objective (metric 'value'). */
    private void builtinDefaults(EvaluatorSpec ev, Map<String, Object> study) {
        if (ev.builtin() == null || isSteering(ev.builtin())) {
            return;
        }
        TestFunction f = TestFunctions.byName(ev.builtin(), 0);
        if (!study.containsKey("parameters")) {
            List<Object> ps = new ArrayList<>();
            for (int j = 0; j < f.dimension(); j++) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("name", "x" + j);
                p.put("type", "float");
                p.put("low", f.lower()[j]);
                p.put("high", f.upper()[j]);
                ps.add(p);
            }
            study.put("parameters", ps);
        }
        if (!study.containsKey("objective") && !study.containsKey("objectives")) {
            study.put("objective", Map.of("metric", "value", "goal", f.maximize() ? "maximize" : "minimize"));
        }
        if (!study.containsKey("outcome_constraints") && !f.constraints().isEmpty()) {
            study.put("outcome_constraints", f.constraints().stream().map(c -> c.text()).toList());
        }
    }

    private void checkBuiltinMetrics(EvaluatorSpec ev, StudySpec spec) {
        if (ev.builtin() == null) {
            return;
        }
        List<String> known;
        if (isSteering(ev.builtin())) {
            known = SteeringMetrics.NAMES;
            for (int i = 0; i < spec.space().parameters().size(); i++) {
                String n = spec.space().parameters().get(i).name();
                if (!SamplerConfig.PARAMETERS.contains(n)) {
                    throw error("parameters[" + i + "].name", "the steering workload has no parameter '" + n + "'; known: "
                            + String.join(", ", SamplerConfig.PARAMETERS));
                }
            }
        } else {
            TestFunction f = TestFunctions.byName(ev.builtin(), 0);
            List<String> k = new ArrayList<>(List.of("value"));
            f.constraints().forEach(c -> k.add(c.metric()));
            known = k;
            for (int j = 0; j < f.dimension(); j++) {
                if (spec.space().parameter("x" + j).isEmpty()) {
                    throw error("parameters", ev.builtin() + " needs the parameters x0 … x" + (f.dimension() - 1)
                            + " (omit 'parameters' to use its own box)");
                }
            }
        }
        for (String metric : spec.metrics()) {
            if (!known.contains(metric)) {
                int k = spec.objectiveMetrics().indexOf(metric);
                String where = k < 0 ? "outcome_constraints"
                        : spec.isMultiObjective() ? "objectives[" + k + "].metric" : "objective.metric";
                throw error(where, "the builtin '" + ev.builtin() + "' reports " + String.join(", ", known) + ", not '"
                        + metric + "'");
            }
        }
    }

    // ---- budget and numbers ------------------------------------------------------------------------------------
    private Budget budget(Object value) {
        if (value == null) {
            throw error("", "missing key 'budget' (e.g. budget: {trials: 40, wall_time: 10m})");
        }
        if (!(value instanceof Map<?, ?> bm)) {
            throw error("budget", "expected a mapping {trials: N, wall_time: 10m}, got " + describe(value));
        }
        for (Object k : bm.keySet()) {
            if (!BUDGET_KEYS.contains(String.valueOf(k))) {
                throw error("budget." + k, "unknown key; known: trials, wall_time");
            }
        }
        Integer trials = bm.get("trials") == null ? null : positiveInt("budget.trials", bm.get("trials"));
        Duration wall = null;
        if (bm.get("wall_time") != null) {
            try {
                wall = Durations.parse(bm.get("wall_time"));
            } catch (IllegalArgumentException e) {
                throw error("budget.wall_time", e.getMessage());
            }
            if (wall.isZero() || wall.isNegative()) {
                throw error("budget.wall_time", "must be positive");
            }
        }
        if (trials == null && wall == null) {
            throw error("budget", "give trials and/or wall_time");
        }
        return new Budget(trials, wall);
    }

    private int positiveInt(String path, Object v) {
        if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 1
                || ((Number) v).longValue() > Integer.MAX_VALUE) {
            throw error(path, "expected a whole number >= 1, got " + describe(v));
        }
        return ((Number) v).intValue();
    }

    static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof Map) {
            return "a mapping";
        }
        if (v instanceof List) {
            return "a list";
        }
        return "'" + v + "'";
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    // ---- line index --------------------------------------------------------------------------------------------
    private void index(Node node, String path) {
        lines.putIfAbsent(path, node.getStartMark().getLine() + 1);
        if (node instanceof ScalarNode sc && sc.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
            quotedScalars.put(path, sc.getValue());
        }
        if (node instanceof MappingNode mn) {
            for (NodeTuple t : mn.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    String child = path.isEmpty() ? k.getValue() : path + "." + k.getValue();
                    lines.put(child, k.getStartMark().getLine() + 1);
                    index(t.getValueNode(), child);
                }
            }
        } else if (node instanceof SequenceNode sn) {
            List<Node> items = sn.getValue();
            for (int i = 0; i < items.size(); i++) {
                String child = path + "[" + i + "]";
                lines.put(child, items.get(i).getStartMark().getLine() + 1);
                index(items.get(i), child);
            }
        }
    }
}
