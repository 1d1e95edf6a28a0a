package io.matterhorn.jni;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the shared libraries shipped in this module's jar under {@code META-INF/native/linux-x86_64/}. A library
 * found in a directory on the class path (target/classes during the build) is loaded in place; one inside a jar
 * is first copied to a temporary file (deleted on exit). {@code -Dmatterhorn.native.dir=DIR} loads
 * {@code DIR/lib<name>.so} instead. Each library is tried once per JVM; a failure is remembered and reported
 * again on later calls.
 */
public final class NativeLibraryLoader {
    /** Resource folder of the libraries for Linux x86-64. */
    public static final String RESOURCE_DIR = "META-INF/native/linux-x86_64/";
    /** System property: a directory to load the libraries from instead of the class path. */
    public static final String DIR_PROPERTY = "matterhorn.native.dir";
    private static final Map<String, Object> OUTCOMES = new HashMap<>();

    private NativeLibraryLoader() {
    }

    /** @return "linux-x86_64" on Linux x86-64, else null (no libraries are built for other platforms) */
    public static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64")) ? "linux-x86_64" : null;
    }

    /**
     * Loads {@code lib<name>.so} once.
     *
     * @param name library name without prefix and suffix, e.g. "matterhorn_native"
     * @return where it was loaded from
     * @throws UnsatisfiedLinkError with the reason if it is not shipped for this platform, not built, or fails
     *     to load
     */
    public static synchronized Path load(String name) {
        Object outcome = OUTCOMES.get(name);
        if (outcome == null) {
            try {
                outcome = locateAndLoad(name);
            } catch (UnsatisfiedLinkError | IOException | SecurityException | URISyntaxException e) {
                outcome = e;
            }
            OUTCOMES.put(name, outcome);
        }
        if (outcome instanceof Path p) {
            return p;
        }
        Throwable t = (Throwable) outcome;
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("lib" + name + ".so: " + t.getMessage());
        e.initCause(t);
        throw e;
    }

    private static Path locateAndLoad(String name) throws IOException, URISyntaxException {
        String file = "lib" + name + ".so";
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            Path p = Paths.get(dir, file).toAbsolutePath();
            if (!Files.isRegularFile(p)) {
                throw new UnsatisfiedLinkError("not found in -D" + DIR_PROPERTY + "=" + dir);
            }
            System.load(p.toString());
            return p;
        }
        if (platform() == null) {
            throw new UnsatisfiedLinkError("no native library for " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + " (built for Linux x86-64 only)");
        }
        URL url = NativeLibraryLoader.class.getClassLoader().getResource(RESOURCE_DIR + file);
        if (url == null) {
            throw new UnsatisfiedLinkError("not in the class path (" + RESOURCE_DIR + file
                    + "); it is built only when the build machine has the tools, see docs/native.md");
        }
        Path p;
        if (url.getProtocol().equals("file")) {
            p = Paths.get(url.toURI());
        } else {
            p = extract(url, file);
        }
        System.load(p.toString());
        return p;
    }

    /**
     * Copies a library out of a jar into a new temporary folder (both deleted on exit).
     *
     * @param url the resource
     * @param file file name to give it
     * @return the copy
     * @throws IOException if it cannot be read or written
     */
    static Path extract(URL url, String file) throws IOException {
        Path dir = Files.createTempDirectory("matterhorn-native");
        Path target = dir.resolve(file);
        try (InputStream in = url.openStream()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        dir.toFile().deleteOnExit();
        target.toFile().deleteOnExit();
        return target;
    }
}
