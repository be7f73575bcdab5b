package dev.sextant.experiments.cli;

import dev.sextant.store.DatabaseStorage;
import dev.sextant.web.WebOptions;
import dev.sextant.web.WebServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sextant serve}: the REST API and dashboard over a store, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves the dashboard and REST API over the store until interrupted (Ctrl-C).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    DbOption db;
    @Option(names = "--host", defaultValue = WebOptions.DEFAULT_HOST, description = "listen address, default ${DEFAULT-VALUE}")
    String host;
    @Option(names = "--port", defaultValue = "7070", description = "port, default ${DEFAULT-VALUE}")
    int port;
    @Option(names = "--token", description = "API token (required when not on a loopback address)")
    String token;

    @Override
    public Integer call() throws InterruptedException {
        String url = Stores.url(db.db, null);
        try (DatabaseStorage storage = Stores.open(url);
             WebServer server = start(WebOptions.defaults().withHost(host).withPort(port).withToken(token), storage)) {
            System.out.println("sextant: serving " + url);
            System.out.println("dashboard: " + address(server) + "  (Ctrl-C to stop)");
            CountDownLatch done = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(done::countDown));
            done.await();
        }
        return 0;
    }

    static WebServer start(WebOptions options, DatabaseStorage storage) {
        try {
            return WebServer.start(options, storage, Stores.strategies());
        } catch (RuntimeException e) {
            throw new CliException("cannot serve on " + options.host() + ":" + options.port() + ": "
                    + Stores.rootMessage(e) + " (is another sextant serving? use --port)", e);
        }
    }

    static String address(WebServer server) {
        String h = server.options().host();
        if (h.contains(":")) {
            h = "[" + h + "]";
        }
        return "http://" + h + ":" + server.port();
    }
}
