package dev.sextant.web;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server on a free port over an in-memory storage with Sobol generation ({@link Fixtures#server()}), shared
 * by the tests of one class: started when the class's static field is created, closed after its tests.
 *
 * <pre>{@code
 * @RegisterExtension static final LiveServer SERVER = new LiveServer();
 * static final Http http = SERVER.http();
 * }</pre>
 */
final class LiveServer implements AfterAllCallback {
    private final WebServer server = Fixtures.server();
    private final Http http = new Http(server.port());

    /** A client of this server. */
    Http http() {
        return http;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }
}
