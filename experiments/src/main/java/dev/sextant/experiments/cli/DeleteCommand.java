package dev.sextant.experiments.cli;

import dev.sextant.store.DatabaseStorage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sextant delete --study NAME}: deletes a study with all its trials from the store. Asks for confirmation on a
 * terminal; {@code --yes} skips the question; without {@code --yes} and without a terminal it refuses (so a script
 * never deletes by accident).
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Deletes a study with all its trials, values and notes from the store; the name becomes free.",
                "Asks before deleting; --yes deletes without asking (needed when not run from a terminal)."})
final class DeleteCommand implements Callable<Integer> {
    /** Whether someone at a terminal can answer (tests override it). */
    static java.util.function.BooleanSupplier interactive = DeleteCommand::terminal;

    @Mixin
    DbOption db;
    @Option(names = "--study", required = true, paramLabel = "NAME", description = "the study to delete")
    String study;
    @Option(names = {"--yes", "-y"}, description = "delete without asking")
    boolean yes;

    /** A console that is a terminal (from JDK 22 {@code System.console()} exists even when redirected). */
    static boolean terminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return true;   // JDK 17-21: a console is only there for a terminal
        }
    }

    @Override
    public Integer call() throws IOException {
        String url = Stores.url(db.db, null);
        PrintStream o = System.out;
        try (DatabaseStorage storage = Stores.open(url)) {
            if (storage.loadStudy(study).isEmpty()) {
                throw new CliException("no study '" + study + "' in " + url + "; known: "
                        + String.join(", ", storage.studyNames()));
            }
            int trials = storage.trials(study).size();
            String what = "study '" + study + "' with " + trials + " trial" + (trials == 1 ? "" : "s") + " in " + url;
            if (!yes) {
                if (!interactive.getAsBoolean()) {
                    throw new CliException("not deleting " + what + ": this is not a terminal, so nobody can confirm;"
                            + " add --yes to delete without asking");
                }
                o.print("Delete " + what + "? This cannot be undone. [y/N] ");
                o.flush();
                String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
                if (!a.equals("y") && !a.equals("yes")) {
                    o.println("not deleted");
                    return 1;
                }
            }
            storage.deleteStudy(study);
            o.println("deleted " + what);
        }
        return 0;
    }
}
