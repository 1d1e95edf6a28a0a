package io.matterhorn.jni;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading from a jar (extraction to a temporary file) and the messages for missing libraries. */
class NativeLibraryLoaderTest {

    @Test
    void librariesInsideAJarAreCopiedToATemporaryFile(@TempDir Path dir) throws Exception {
        byte[] payload = {0x7f, 'E', 'L', 'F', 1, 2, 3};
        Path jar = dir.resolve("lib.jar");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os)) {
            jos.putNextEntry(new JarEntry(NativeLibraryLoader.RESOURCE_DIR + "libdemo.so"));
            jos.write(payload);
            jos.closeEntry();
        }
        URL url = new URL("jar:" + jar.toUri() + "!/" + NativeLibraryLoader.RESOURCE_DIR + "libdemo.so");
        Path copy = NativeLibraryLoader.extract(url, "libdemo.so");
        assertEquals("libdemo.so", copy.getFileName().toString());
        assertNotEquals(dir, copy.getParent());
        assertArrayEquals(payload, Files.readAllBytes(copy));
    }

    @Test
    void aMissingLibraryIsReportedWithItsNameEveryTime() {
        UnsatisfiedLinkError first = assertThrows(UnsatisfiedLinkError.class,
                () -> NativeLibraryLoader.load("matterhorn_does_not_exist"));
        assertTrue(first.getMessage().contains("libmatterhorn_does_not_exist.so"), first.getMessage());
        UnsatisfiedLinkError again = assertThrows(UnsatisfiedLinkError.class,
                () -> NativeLibraryLoader.load("matterhorn_does_not_exist"));
        assertEquals(first.getMessage(), again.getMessage());
    }
}
