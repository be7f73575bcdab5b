package dev.sextant.clients.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the Python client's pytest suite ({@code clients/python/tests}) against a real {@code sextant serve}: a
 * separate JVM started from this module's test class path on a free loopback port ({@code --port 0}) over a fresh
 * H2 file store, with a random API token. pytest's output goes to the Maven log; a failing pytest fails the build.
 *
 * <p>The interpreter: {@code -Dsextant.python=PATH}, else the first of {@code /usr/bin/python3} and {@code python3}
 * (on the PATH) that has pytest, preferring one that also has optuna and torch. Tests whose module (optuna, torch)
 * the interpreter lacks skip themselves with the reason (pytest {@code -rs}); without any interpreter with pytest
 * this test is skipped, saying so. Extra pytest arguments: {@code -Dsextant.pytest="-k client"}.
 */
class PythonClientTest {
    private static final Pattern ADDRESS = Pattern.compile("dashboard: (http://\\S+)");
    private static final long SERVER_START_SECONDS = 180;
    private static final long PYTEST_MINUTES = 15;

    private static Path store;
    private static Process server;
    private static final List<String> serverLog = new ArrayList<>();
    private static String url;
    private static String token;
    private static String java;
    private static String classPath;
    private static Interpreter python;

    @BeforeAll
    static void startServer() throws Exception {
        python = Interpreter.pick(System.getProperty("sextant.python"));
        if (python == null) return;             // the test skips itself, saying why; no server needed
        store = Files.createTempDirectory("sextant-python-client");
        classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        token = "test-" + UUID.randomUUID();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", classPath, "dev.sextant.experiments.cli.SextantCli",
                "serve", "--db", "jdbc:h2:file:" + store.resolve("sextant").toAbsolutePath(), "--port", "0",
                "--token", token)
                .redirectErrorStream(true);
        server = pb.start();
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (serverLog) {
                        serverLog.add(line);
                    }
                    Matcher m = ADDRESS.matcher(line);
                    if (m.find()) address.complete(m.group(1));
                }
            } catch (IOException ignored) {
                // the server was stopped
            }
            address.complete(null);
        }, "sextant-serve-output");
        pump.setDaemon(true);
        pump.start();
        url = address.get(SERVER_START_SECONDS, TimeUnit.SECONDS);
        if (url == null) {
            throw new AssertionError("sextant serve exited before listening:\n" + String.join("\n", serverLog));
        }
        System.out.println("[python-client] sextant serve at " + url + " (store " + store + ")");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) server.destroyForcibly().waitFor();
        }
        if (store != null) {
            try (Stream<Path> files = Files.walk(store)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void pytestSuitePassesAgainstARealServer() throws Exception {
        Assumptions.assumeTrue(python != null, () -> {
            String why = "skipped: no Python >= 3.9 with pytest found (tried " + String.join(", ", Interpreter.candidates(
                    System.getProperty("sextant.python"))) + "); install python3-pytest (and python3-optuna, "
                    + "python3-torch) or pass -Dsextant.python=/path/to/python";
            System.out.println("[python-client] " + why);
            return why;
        });
        System.out.println("[python-client] using " + python.describe());

        Path module = Path.of("").toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(python.path(), "-m", "pytest", "-p", "no:cacheprovider", "-rs", "-v",
                "--tb=short", "--durations=8", "tests"));
        String extra = System.getProperty("sextant.pytest", "").trim();
        if (!extra.isEmpty()) cmd.addAll(Arrays.asList(extra.split("\\s+")));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(module.toFile()).redirectErrorStream(true);
        pb.environment().put("SEXTANT_URL", url);
        pb.environment().put("SEXTANT_TOKEN", token);
        pb.environment().put("SEXTANT_JAVA", java);              // for the tests that run `sextant run CAMPAIGN`
        pb.environment().put("SEXTANT_CLASSPATH", classPath);
        pb.environment().put("PYTHONPATH", module.toString());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        pb.environment().put("PYTHONUNBUFFERED", "1");
        // the PyTorch example's base model, trained once per build folder
        pb.environment().put("SEXTANT_STEERING_CACHE", module.resolve("target").resolve("steering-cache").toString());
        Process pytest = pb.start();
        Thread echo = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(pytest.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) System.out.println("[pytest] " + line);
            } catch (IOException ignored) {
                // pytest was killed
            }
        }, "pytest-output");
        echo.start();
        boolean done = pytest.waitFor(PYTEST_MINUTES, TimeUnit.MINUTES);
        if (!done) {
            pytest.descendants().forEach(ProcessHandle::destroyForcibly);
            pytest.destroyForcibly();
        }
        echo.join(TimeUnit.SECONDS.toMillis(30));
        assertTrue(done, "pytest did not finish within " + PYTEST_MINUTES + " minutes");
        if (pytest.exitValue() != 0) {
            synchronized (serverLog) {
                int from = Math.max(0, serverLog.size() - 60);
                System.out.println("[python-client] last lines of sextant serve:\n" + String.join("\n", serverLog.subList(from, serverLog.size())));
            }
        }
        assertEquals(0, pytest.exitValue(), "pytest failed (exit " + pytest.exitValue() + "); its output is above in the log");
    }

    /** A Python interpreter and the test modules it has. */
    record Interpreter(String path, String version, List<String> modules) {
        static final List<String> WANTED = List.of("pytest", "optuna", "torch");

        static List<String> candidates(String configured) {
            if (configured != null && !configured.isBlank()) return List.of(configured.trim());
            return List.of("/usr/bin/python3", "python3");
        }

        /** The candidate with pytest and the most of optuna and torch (earlier candidates win ties), or null. */
        static Interpreter pick(String configured) {
            Interpreter best = null;
            for (String c : candidates(configured)) {
                Interpreter i = probe(c);
                if (i == null) {
                    System.out.println("[python-client] " + c + ": not a Python >= 3.9");
                    continue;
                }
                System.out.println("[python-client] " + i.describe());
                if (!i.modules.contains("pytest")) continue;
                if (best == null || i.modules.size() > best.modules.size()) best = i;
            }
            return best;
        }

        static Interpreter probe(String exe) {
            String script = "import sys, importlib.util as u\n"
                    + "assert sys.version_info >= (3, 9)\n"
                    + "print(sys.version.split()[0]); print(','.join(m for m in " + pyList(WANTED) + " if u.find_spec(m)))\n";
            try {
                Process p = new ProcessBuilder(exe, "-c", script).redirectErrorStream(false).start();
                String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
                String[] lines = text.strip().split("\n", -1);
                List<String> mods = lines.length < 2 || lines[1].isBlank() ? List.of() : List.of(lines[1].trim().split(","));
                return new Interpreter(exe, lines[0].trim(), mods);
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        static String pyList(List<String> names) {
            return "(" + String.join(", ", names.stream().map(n -> "'" + n + "'").toList()) + ",)";
        }

        String describe() {
            List<String> missing = WANTED.stream().filter(m -> !modules.contains(m)).toList();
            return path + " (Python " + version + "): has " + (modules.isEmpty() ? "none" : String.join(", ", modules))
                    + (missing.isEmpty() ? "" : "; missing " + String.join(", ", missing)
                    + " (the tests that need it skip, saying so)");
        }
    }
}
