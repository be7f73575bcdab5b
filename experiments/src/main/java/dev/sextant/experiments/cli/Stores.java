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
     * (may be null), else {@link DatabaseStorage#DEFAULT_URL}.
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

    static DatabaseStorage open(String url) {
        try {
            return DatabaseStorage.open(url);
        } catch (RuntimeException e) {
            throw new CliException("cannot open the store " + url + ": " + rootMessage(e)
                    + " (another process may hold it; H2 file stores are shared through AUTO_SERVER=TRUE)", e);
        }
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
