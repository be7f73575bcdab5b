package dev.sextant.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link WorkerProcess} JVMs with this test's classpath. */
final class Workers {
    private Workers() {
    }

    static Process start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.jboss.logging.provider=slf4j",
                "-cp", System.getProperty("java.class.path"), WorkerProcess.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Trial ids printed as "TOLD id" in a worker log so far. */
    static List<Long> told(Path log) throws IOException {
        List<Long> ids = new ArrayList<>();
        if (!Files.exists(log)) {
            return ids;
        }
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("TOLD ")) {
                ids.add(Long.parseLong(line.substring(5).trim().split(" ")[0]));
            }
        }
        return ids;
    }
}
