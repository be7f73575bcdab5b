package dev.sextant.web;

import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.study.InvalidGenerationOptionException;
import dev.sextant.core.study.InvalidStoredSettingsException;
import dev.sextant.core.study.Storage;
import dev.sextant.core.study.StudySpec;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

/**
 * The Sextant HTTP server: the REST API under {@code /api} (described by {@code /openapi.json}) and the dashboard
 * at {@code /}. Start it with {@link #start}; it serves until {@link #close()}.
 *
 * <p>Security: binds 127.0.0.1 unless told otherwise; refuses to start on a non-loopback host without a token; when a
 * token is set every {@code POST} needs {@code Authorization: Bearer <token>}; bodies are limited to
 * {@link WebOptions#maxBodyBytes()}; errors are {@code {"error": message}} and never carry stack traces.
 * No endpoint runs commands or reads files; the dashboard reads only classpath resources.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    static final String DASHBOARD = "/dev/sextant/web/dashboard";

    private final Javalin app;
    private final WebOptions options;

    private WebServer(Javalin app, WebOptions options) {
        this.app = app;
        this.options = options;
    }

    /**
     * Starts serving {@code storage}. {@code strategies} builds the generation strategy of each study
     * (e.g. {@code dev.sextant.acquisition.Strategies::defaultFor}).
     *
     * @throws IllegalArgumentException when the host is not loopback and no token is given
     */
    public static WebServer start(WebOptions options, Storage storage, Function<StudySpec, GenerationStrategy> strategies) {
        return start(options, storage, strategies, Surrogates.standard());
    }

    static WebServer start(WebOptions options, Storage storage, Function<StudySpec, GenerationStrategy> strategies,
                           Surrogate.Factory surrogates) {
        Objects.requireNonNull(options, "options");
        if (!options.loopback() && options.token() == null) {
            throw new IllegalArgumentException("refusing to listen on " + options.host()
                    + " without a token: anyone who can reach it could change your studies; pass --token (or WebOptions.withToken)");
        }
        Studies studies = new Studies(storage, strategies);
        Api api = new Api(studies, options.maxBodyBytes());
        Models models = new Models(studies, options.maxBodyBytes(), surrogates);
        Guard guard = new Guard(options);
        byte[] openapi = resource("/dev/sextant/web/openapi.json");

        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = options.maxBodyBytes();
            config.jetty.host = options.host();
            config.jetty.port = options.port();
            config.jetty.modifyServer(server -> {
                ErrorHandler eh = new ErrorHandler();
                eh.setShowStacks(false);
                eh.setShowMessageInTitle(false);
                eh.setShowCauses(false);
                server.setErrorHandler(eh);
            });
            config.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = DASHBOARD;
                sf.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();

            var r = config.routes;
            r.before(guard::check);
            r.get("/openapi.json", ctx -> ctx.contentType("application/json; charset=utf-8").result(openapi));
            r.get("/api/studies", api::listStudies);
            r.post("/api/studies", api::createStudy);
            r.get("/api/studies/{name}", api::getStudy);
            r.delete("/api/studies/{name}", api::deleteStudy);
            r.post("/api/studies/{name}/ask", api::ask);
            r.post("/api/studies/{name}/enqueue", api::enqueue);
            r.get("/api/studies/{name}/trials", api::trials);
            r.post("/api/studies/{name}/trials", api::addCompleted);
            r.get("/api/studies/{name}/trials/{number}", api::trial);
            r.post("/api/studies/{name}/trials/{number}/tell", api::tell);
            r.post("/api/studies/{name}/trials/{number}/fail", api::fail);
            r.post("/api/studies/{name}/trials/{number}/abandon", api::abandon);
            r.get("/api/studies/{name}/best", api::best);
            r.get("/api/studies/{name}/pareto", api::pareto);
            r.post("/api/studies/{name}/predict", models::predict);
            r.get("/api/studies/{name}/importance", models::importance);

            r.exception(Exception.class, WebServer::handle);
            r.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty() || !isJson(ctx)) {
                    Json.error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path() + "; see /openapi.json");
                }
            });
            r.error(405, ctx -> {
                if (!isJson(ctx)) Json.error(ctx, 405, "method " + ctx.method() + " is not allowed on " + ctx.path());
            });
        });
        app.start();
        LOG.info("Sextant web listening on http://{}:{}/", options.host(), app.port());
        return new WebServer(app, options);
    }

    private static boolean isJson(Context ctx) {
        String ct = ctx.res().getContentType();
        return ct != null && ct.startsWith("application/json");
    }

    /** Maps every exception to {"error": message}: the user's mistakes to 4xx, our own bugs to a bare 500. */
    static void handle(Exception e, Context ctx) {
        if (e instanceof ApiException a) {
            Json.error(ctx, a.status, a.getMessage());
        } else if (e instanceof HttpResponseException h) {
            int s = h.getStatus() == 413 || h.getStatus() / 100 == 4 ? h.getStatus() : 400;
            Json.error(ctx, s, s == 413 ? "request body is too large" : h.getMessage());
        } else if (e instanceof InvalidGenerationOptionException g) {
            optionError(ctx, 400, g.getMessage(), g);
        } else if (e instanceof InvalidStoredSettingsException s) {
            optionError(ctx, 409, s.getMessage(), s.invalidOption());
        } else if (e instanceof NoSuchElementException) {
            Json.error(ctx, 404, e.getMessage());
        } else if (e instanceof IllegalArgumentException) {
            Json.error(ctx, 400, e.getMessage());
        } else if (e instanceof IllegalStateException) {
            Json.error(ctx, 409, e.getMessage());
        } else if (e instanceof UnsupportedOperationException) {
            Json.error(ctx, 422, e.getMessage());
        } else if (e instanceof dev.sextant.core.generate.GenerationException) {
            LOG.error("generation failed on {} {}", ctx.method(), ctx.path(), e);
            Json.error(ctx, 500, "could not generate a trial: " + e.getMessage());
        } else {
            LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
            Json.error(ctx, 500, "internal error (" + e.getClass().getSimpleName() + "); the server log has the details");
        }
    }

    /** {"error": message, "option": "generation.kernel", "allowed": "rbf, matern52"}: what to fix, also for programs. */
    private static void optionError(Context ctx, int status, String message, InvalidGenerationOptionException g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        m.put("option", g.path());
        m.put("allowed", g.allowed());
        Json.write(ctx, status, m);
    }

    static byte[] resource(String path) {
        try (InputStream in = WebServer.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing classpath resource " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port it listens on (the chosen one when started with port 0). */
    public int port() {
        return app.port();
    }

    /** The options it was started with. */
    public WebOptions options() {
        return options;
    }

    /** Stops serving; the storage is left open (the caller owns it). */
    @Override
    public void close() {
        app.stop();
    }
}
