package dev.sextant.surrogate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The reference fixture files the tests run: every {@code *.json} of a folder kept in the test resources
 * ({@code fixtures/<name>/}, in this module's test classes or its test-jar), plus every {@code *.json} of an extra
 * folder named by a system property, when that property is set.
 *
 * <ul>
 *   <li>{@code fixtures/gp-reference}, extra folder {@code -Dsextant.fixtures=DIR}: GP and acquisition values
 *       computed by GPyTorch/BoTorch ({@link GpFixture});</li>
 *   <li>{@code fixtures/hypervolume}, extra folder {@code -Dsextant.fixtures.hv=DIR}: hypervolumes and Pareto masks
 *       computed with BoTorch and exact arithmetic (not read by any test yet; kept for multi-objective work).</li>
 * </ul>
 * Shared with the acquisition module through the surrogate test-jar.
 */
public final class FixtureFiles {
    /** Resource folder of the GP reference cases. */
    public static final String GP_REFERENCE = "fixtures/gp-reference";
    /** System property naming an extra folder of GP reference cases. */
    public static final String GP_REFERENCE_PROPERTY = "sextant.fixtures";
    /** Resource folder of the hypervolume / Pareto-mask cases. */
    public static final String HYPERVOLUME = "fixtures/hypervolume";
    /** System property naming an extra folder of hypervolume cases. */
    public static final String HYPERVOLUME_PROPERTY = "sextant.fixtures.hv";

    private FixtureFiles() {
    }

    /** One fixture file: {@code label} is the file name for a kept case, the full path for an extra one. */
    public record Entry(String label, Path path) {
        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * The kept {@code *.json} files of {@code resourceFolder} sorted by name, then those of the folder named by
     * {@code extraProperty} (if set) sorted by name.
     *
     * @throws IllegalStateException when the resource folder is missing or empty, or the property names a folder
     *         that does not exist (a typo should not silently run fewer cases)
     */
    public static List<Entry> list(String resourceFolder, String extraProperty) {
        List<Entry> out = new ArrayList<>();
        Path kept = resourceFolder(resourceFolder);
        for (Path p : jsonFiles(kept)) {
            out.add(new Entry(p.getFileName().toString(), p));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no *.json fixture under resource folder " + resourceFolder);
        }
        String extra = System.getProperty(extraProperty);
        if (extra != null && !extra.isBlank()) {
            Path dir = Path.of(extra).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("-D" + extraProperty + "=" + extra + " is not a folder");
            }
            for (Path p : jsonFiles(dir)) {
                out.add(new Entry(p.toString(), p));
            }
        }
        return out;
    }

    private static List<Path> jsonFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The resource folder as a Path: a directory under target/test-classes, or a folder inside the test-jar. */
    private static Path resourceFolder(String name) {
        URL url = FixtureFiles.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("fixture resource folder '" + name + "' is not on the class path");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return fs.getPath(name);
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open fixture resource folder " + url, e);
        }
    }
}
