package dev.sextant.experiments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sextant.core.space.Parameter;
import dev.sextant.core.study.StudySpec;
import dev.sextant.core.trial.Observation;
import dev.sextant.core.trial.Trial;
import dev.sextant.store.DatabaseStorage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sextant export}: a study's trials as CSV or JSON. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Exports a study's trials as CSV or JSON.",
                "CSV: one row per trial (id, state, generator, worker, times, parameters,",
                "metric means and SEMs, failure reason); JSON: the spec and the list of trials."})
final class ExportCommand implements Callable<Integer> {
    enum Format { csv, json }

    @Mixin
    DbOption db;
    @Option(names = "--study", required = true, description = "study name")
    String study;
    @Option(names = "--format", description = "csv or json (default: from --out's extension, else csv)")
    Format format;
    @Option(names = {"--out", "-o"}, description = "output file (default: standard output)")
    Path out;

    @Override
    public Integer call() throws IOException {
        String url = Stores.url(db.db, null);
        try (DatabaseStorage storage = Stores.open(url)) {
            StudySpec spec = storage.loadStudy(study).orElseThrow(() -> new CliException("no study '" + study + "' in "
                    + url + "; known: " + String.join(", ", storage.studyNames())));
            List<Trial> trials = storage.trials(study);
            Format f = format != null ? format
                    : out != null && out.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? Format.json : Format.csv;
            OutputStream os = out == null ? System.out : Files.newOutputStream(out);
            try {
                if (f == Format.json) {
                    writeJson(spec, trials, os);
                } else {
                    writeCsv(spec, trials, os);
                }
            } finally {
                os.flush();
                if (out != null) {
                    os.close();
                }
            }
            if (out != null) {
                System.err.println("wrote " + trials.size() + " trials to " + out);
            }
        }
        return 0;
    }

    static void writeCsv(StudySpec spec, List<Trial> trials, OutputStream os) {
        PrintStream p = new PrintStream(os, false, StandardCharsets.UTF_8);
        List<String> header = new ArrayList<>(List.of("number", "state", "generator", "worker", "created", "updated"));
        List<String> params = spec.space().parameters().stream().map(Parameter::name).toList();
        header.addAll(params);
        for (String m : spec.metrics()) {
            header.add(m);
            header.add(m + "_sem");
        }
        header.add("failure_reason");
        p.println(String.join(",", header.stream().map(ExportCommand::csv).toList()));
        for (Trial t : trials) {
            List<String> row = new ArrayList<>();
            row.add(Long.toString(t.number()));
            row.add(t.state().name());
            row.add(str(t.generator()));
            row.add(str(t.worker()));
            row.add(str(t.created()));
            row.add(str(t.updated()));
            for (String n : params) {
                row.add(str(t.parameters().get(n)));
            }
            for (String m : spec.metrics()) {
                Observation o = t.values().get(m);
                row.add(o == null ? "" : Double.toString(o.mean()));
                row.add(o == null || Double.isNaN(o.sem()) ? "" : Double.toString(o.sem()));
            }
            row.add(str(t.failureReason()));
            p.println(String.join(",", row.stream().map(ExportCommand::csv).toList()));
        }
        p.flush();
    }

    static void writeJson(StudySpec spec, List<Trial> trials, OutputStream os) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("study", dev.sextant.core.study.StudySpecCodec.toMap(spec));
        List<Object> list = new ArrayList<>();
        for (Trial t : trials) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", t.number());
            m.put("state", t.state().name());
            m.put("parameters", t.parameters());
            Map<String, Object> values = new LinkedHashMap<>();
            t.values().forEach((k, o) -> {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("mean", o.mean());
                v.put("sem", Double.isNaN(o.sem()) ? null : o.sem());
                values.put(k, v);
            });
            m.put("values", values);
            m.put("generator", t.generator());
            m.put("generation", t.generation());
            m.put("worker", t.worker());
            m.put("created", str(t.created()));
            m.put("updated", str(t.updated()));
            m.put("failure_reason", t.failureReason());
            list.add(m);
        }
        doc.put("trials", list);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(os, doc);
        os.write('\n');
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    static String csv(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
