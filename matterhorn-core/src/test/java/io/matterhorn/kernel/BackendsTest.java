package io.matterhorn.kernel;

import io.matterhorn.kernel.jvm.JavaKernelProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Backend choice rules, with the Java provider and stand-in providers. */
class BackendsTest {

    /** A provider that reports a fixed availability. */
    private record Fake(String name, int rank, Availability availability) implements KernelProvider {
        @Override
        public SomaKernels somaKernels() {
            return null;
        }

        @Override
        public StdpKernels stdpKernels() {
            return null;
        }
    }

    @Test
    void javaIsRegisteredThroughServiceLoader() {
        assertTrue(Backends.discover().stream().anyMatch(p -> p instanceof JavaKernelProvider));
        assertEquals("java", Backends.select("java", Backends.discover()).provider().name());
    }

    @Test
    void autoPicksTheHighestAvailableRankAndSaysWhy() {
        KernelProvider java = new JavaKernelProvider();
        Fake fast = new Fake("native", 20, Availability.yes("loaded"));
        Fake broken = new Fake("cuda", 30, Availability.no("no CUDA device: test", null));
        Backends.Selection s = Backends.select(null, List.of(java, broken, fast));
        assertSame(fast, s.provider());
        assertTrue(s.describe().contains("cuda (no CUDA device: test)"), s.describe());
        assertTrue(s.describe().contains("java (slower"), s.describe());
        assertSame(java, Backends.select(" AUTO ", List.of(java, broken)).provider());
    }

    @Test
    void explicitRequestsThatCannotBeMetThrowWithTheCause() {
        RuntimeException cause = new RuntimeException("driver missing");
        Fake broken = new Fake("cuda", 30, Availability.no("no CUDA device: driver missing", cause));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Backends.select("cuda", List.of(new JavaKernelProvider(), broken)));
        assertSame(cause, e.getCause());
        assertTrue(e.getMessage().contains("driver missing"), e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> Backends.select("native", List.of(new JavaKernelProvider())));
        assertTrue(e.getMessage().contains("matterhorn-native"), e.getMessage());
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
                () -> Backends.select("fortran", List.of(new JavaKernelProvider())));
        assertTrue(u.getMessage().contains("fortran"), u.getMessage());
    }
}
