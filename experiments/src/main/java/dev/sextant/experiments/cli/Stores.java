package dev.sextant.experiments.cli;

import dev.sextant.acquisition.Strategies;
import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.study.StudySpec;
import dev.sextant.store.DatabaseStorage;
import java.util.function.Function;

/** Opening the store and choosing generation strategies for the commands. */
final class Stores {
    private Stores() {
    }

    /**
     * The store URL: {@code --db} when given, else {@code $SEXTANT_DB}, else the campaign file's {@code store}
     * (may be null), else the user's default store {@link DatabaseStorage#defaultUrl()} ({@code ~/.sextant/}, or
     * {@code $SEXTANT_HOME}), the same whichever folder the command runs in.
     */
    static String url(String cliValue, String campaignStore) {
        boolean explicit = (cliValue != null && !cliValue.isBlank())
                || (System.getenv(DatabaseStorage.ENVIRONMENT_VARIABLE) != null
                && !System.getenv(DatabaseStorage.ENVIRONMENT_VARIABLE).isBlank());
        if (!explicit && campaignStore != null && !campaignStore.isBlank()) {
            return campaignStore.strip();
        }
        return DatabaseStorage.resolveUrl(cliValue);
    }

    /** Opens the store and says on standard error which one it is and how many studies it holds. */
    static DatabaseStorage open(String url) {
        DatabaseStorage storage;
        try {
            storage = DatabaseStorage.open(url);
        } catch (RuntimeException e) {
            throw new CliException("cannot open the store " + describe(url) + ": " + rootMessage(e)
                    + " (another process may hold it; H2 file stores are shared through AUTO_SERVER=TRUE)", e);
        }
        int n = storage.studyNames().size();
        System.err.println("sextant: store " + describe(url) + " (" + n + " stud" + (n == 1 ? "y" : "ies") + ")");
        return storage;
    }

    /**
     * How a store is named to the user: the database file of an H2 file URL ({@code <path>.mv.db}), otherwise the URL
     * with any password hidden.
     */
    static String describe(String url) {
        String prefix = "jdbc:h2:file:";
        if (url.regionMatches(true, 0, prefix, 0, prefix.length())) {
            int semi = url.indexOf(';');
            String path = semi < 0 ? url.substring(prefix.length()) : url.substring(prefix.length(), semi);
            if (!path.startsWith("~")) {
                path = java.nio.file.Path.of(path).toAbsolutePath().normalize().toString();
            }
            return path + ".mv.db";
        }
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** The strategy per study: Sobol for the initial trials, then Bayesian optimisation with the study's acquisition. */
    static Function<StudySpec, GenerationStrategy> strategies() {
        return Strategies::defaultFor;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
