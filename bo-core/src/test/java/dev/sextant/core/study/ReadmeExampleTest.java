package dev.sextant.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java example of the repository's README.md, taken from the README itself (the {@code ```java} block after the
 * {@code README-EXAMPLE} marker), compiled as written with the JDK's compiler against bo-core, and run.
 */
class ReadmeExampleTest {
    private static final String MARKER = "<!-- README-EXAMPLE";
    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern CLASS = Pattern.compile("public\\s+class\\s+(\\w+)");
    private static final Pattern OUTPUT = Pattern.compile("best loss (\\S+) at \\{(.*)}");

    @TempDir
    Path dir;

    /** README.md of the project root: the first one found from the working directory (the module) upwards. */
    static Path readme() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("README.md");
            try {
                if (Files.isRegularFile(candidate) && Files.readString(candidate).contains(MARKER)) {
                    return candidate;
                }
            } catch (IOException e) {
                throw new AssertionError("cannot read " + candidate, e);
            }
        }
        throw new AssertionError("no README.md with a " + MARKER + " marker above " + Path.of("").toAbsolutePath());
    }

    static String javaBlock(String readme) {
        int at = readme.indexOf(MARKER);
        Matcher m = BLOCK.matcher(readme);
        assertTrue(at >= 0 && m.find(at), "no ```java block after the " + MARKER + " marker in README.md");
        return m.group(1);
    }

    @Test
    void theReadmeExampleCompilesAsWrittenAndFindsAGoodPoint() throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Assumptions.assumeTrue(javac != null, "this Java runtime has no compiler (javax.tools); README example not checked");
        String source = javaBlock(Files.readString(readme(), StandardCharsets.UTF_8));
        Matcher cm = CLASS.matcher(source);
        assertTrue(cm.find(), "the README block declares no public class:\n" + source);
        String className = cm.group(1);
        Path src = dir.resolve(className + ".java");
        Files.writeString(src, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        // surefire may put the real class path in this property and only a manifest jar on java.class.path
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null,
                List.of("--release", "17", "-classpath", classPath, "-d", classes.toString()), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(src.toFile())).call();
        assertTrue(ok, "the README's Java block does not compile as written:\n" + diagnostics);

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeExampleTest.class.getClassLoader())) {
            Method main = loader.loadClass(className).getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(out);
        }
        String printed = captured.toString(StandardCharsets.UTF_8).strip();
        System.out.println("README example printed: " + printed);
        Matcher om = OUTPUT.matcher(printed);
        assertTrue(om.matches(), "unexpected output: " + printed);
        double loss = Double.parseDouble(om.group(1));
        // 30 space-filling points on this function (range 0 .. 60+) get well below 3
        assertTrue(loss >= 0 && loss < 3.0, "best loss " + loss);
        for (String p : List.of("x=", "lr=", "optimizer=")) {
            assertTrue(om.group(2).contains(p), "best parameters lack " + p + ": " + printed);
        }
        assertEquals(1, printed.lines().count(), printed);
    }
}
