package dev.sextant.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code sextant} launcher's class-data archive: recorded when missing, reused while the jars are those it was
 * recorded against, recorded again after they change (a manual {@code mvn package}), and left alone with
 * {@code SEXTANT_CDS=off}. Runs the real launcher script in a copy of the build's layout with a stand-in {@code java}
 * (a shell script that logs its calls and writes the archive it is asked to record).
 */
class LauncherClassDataArchiveTest {
    @TempDir
    Path root;

    @Test
    void archiveIsRecordedOnceAndAgainWhenTheJarChanges() throws Exception {
        Path log = fakeBuild();
        Path target = root.resolve("experiments/target");
        Path jar = target.resolve("experiments-0.1.0-SNAPSHOT.jar");
        Path archive = target.resolve("sextant.jsa");

        assertEquals(List.of("record", "run-with-archive"), launch(log, null));
        assertTrue(Files.exists(archive) && Files.exists(target.resolve("sextant.jsa.key")));
        assertEquals(List.of("run-with-archive"), launch(log, null), "the jars are unchanged: the archive is reused");
        Files.writeString(jar, "jar 2, rebuilt");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals(List.of("record", "run-with-archive"), launch(log, null), "the jar changed: recorded again");
        Files.writeString(target.resolve("lib/other.jar"), "a new dependency");
        assertEquals(List.of("run"), launch(log, "off"), "SEXTANT_CDS=off: neither recorded nor used");
        assertEquals(List.of("record", "run-with-archive"), launch(log, null), "a dependency was added");
    }

    /** A copy of the launcher in a stand-in build layout with a stand-in java; returns the java's call log. */
    private Path fakeBuild() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")) && !System.getProperty("os.name").startsWith(
                "Windows"), "the launcher is a bash script: no /bin/bash here, test skipped");
        Path launcher = Path.of("..", "sextant").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isRegularFile(launcher), "no launcher at " + launcher + ": test skipped");
        Files.copy(launcher, root.resolve("sextant"));
        Path target = root.resolve("experiments/target");
        Files.createDirectories(target.resolve("classes/dev/sextant/experiments/cli"));
        Files.createDirectories(target.resolve("lib"));
        Files.writeString(target.resolve("classes/dev/sextant/experiments/cli/SextantCli.class"), "x");
        Path jar = target.resolve("experiments-0.1.0-SNAPSHOT.jar");
        Files.writeString(jar, "jar 1");
        Files.writeString(target.resolve("lib/dep.jar"), "dep");
        Files.writeString(target.resolve(".sextant-built"), "");   // built already: no Maven run
        Path log = root.resolve("java.log");
        Path bin = Files.createDirectories(root.resolve("jdk/bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, """
                #!/bin/bash
                for a in "$@"; do
                  case "$a" in
                    -XX:ArchiveClassesAtExit=*) echo archive > "${a#*=}"; echo record >> "$SEXTANT_TEST_LOG"; exit 0 ;;
                  esac
                done
                echo "run $*" >> "$SEXTANT_TEST_LOG"
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return log;
    }

    @Test
    void workerJvmsCompileWithC1OnlyUnlessAskedForTheFullCompiler() throws Exception {
        Path log = fakeBuild();
        assertTrue(javaCall(log, null, "worker", "--study", "s").contains("-XX:TieredStopAtLevel=1"),
                "a worker JVM runs with C1 only");
        assertTrue(!javaCall(log, null, "status").contains("TieredStopAtLevel"), "other commands keep the full compiler");
        assertTrue(!javaCall(log, "full", "worker", "--study", "s").contains("TieredStopAtLevel"),
                "SEXTANT_WORKER_JIT=full: the full compiler");
    }

    /** The stand-in java's command line for one launch with the given arguments (SEXTANT_WORKER_JIT if not null). */
    private String javaCall(Path log, String jit, String... args) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>();
        env.put("SEXTANT_CDS", "off");
        env.put("SEXTANT_WORKER_JIT", jit);
        return runLauncher(log, env, args).stream().filter(l -> l.startsWith("run ")).findFirst().orElseThrow();
    }

    /** Runs {@code sextant status} through the launcher; returns the stand-in java's calls ("record", "run…"). */
    private List<String> launch(Path log, String cds) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>();
        env.put("SEXTANT_CDS", cds);
        return runLauncher(log, env, "status").stream()
                .map(l -> l.startsWith("run ") ? (l.contains("-XX:SharedArchiveFile=") ? "run-with-archive" : "run") : l)
                .toList();
    }

    /**
     * Runs the launcher copy with the stand-in java and the given arguments; {@code env} values override the
     * environment (null: unset), and the launcher's other switches are unset. Returns the stand-in java's log lines.
     */
    private List<String> runLauncher(Path log, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Files.deleteIfExists(log);
        List<String> cmd = new ArrayList<>(List.of("/bin/bash", root.resolve("sextant").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(root.resolve("out.txt").toFile());
        Map<String, String> pe = pb.environment();
        pe.put("JAVA_HOME", root.resolve("jdk").toString());
        pe.put("SEXTANT_TEST_LOG", log.toString());
        for (String key : List.of("SEXTANT_NO_BUILD", "SEXTANT_JAVA_OPTS", "SEXTANT_CDS", "SEXTANT_WORKER_JIT")) {
            pe.remove(key);
        }
        env.forEach((k, v) -> {
            if (v != null) {
                pe.put(k, v);
            }
        });
        assertEquals(0, pb.start().waitFor(), Files.readString(root.resolve("out.txt"), StandardCharsets.UTF_8));
        return Files.readAllLines(log);
    }
}
