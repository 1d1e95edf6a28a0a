package io.matterhorn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.synapse.Linear;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class BlasThreadsTest {
    @Test
    void parsesTheDocumentedValues() {
        assertEquals(1, BlasThreads.parse(null));
        assertEquals(1, BlasThreads.parse("1"));
        assertEquals(4, BlasThreads.parse(" 4 "));
        assertEquals(BlasThreads.KEEP, BlasThreads.parse("keep"));
        assertEquals(BlasThreads.KEEP, BlasThreads.parse("KEEP"));
    }

    @Test
    void refusesOtherValuesNamingTheProperty() {
        for (String bad : new String[] {"0", "-2", "two", "", "1.5", "99999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlasThreads.parse(bad));
            assertTrue(e.getMessage().startsWith("matterhorn.blas.threads=" + bad + ":"), e.getMessage());
            assertTrue(e.getMessage().contains("keep"), e.getMessage());
        }
    }

    @Test
    void applyPassesTheCountAndKeepPassesNothing() {
        List<Integer> seen = new ArrayList<>();
        assertEquals("1 (matterhorn.blas.threads default)", BlasThreads.apply(null, seen::add));
        assertEquals("3 (matterhorn.blas.threads=3)", BlasThreads.apply("3", seen::add));
        assertEquals("ND4J's own (matterhorn.blas.threads=keep)", BlasThreads.apply("keep", seen::add));
        assertEquals(List.of(1, 3), seen);
        assertThrows(IllegalArgumentException.class, () -> BlasThreads.apply("none", seen::add));
        assertEquals(List.of(1, 3), seen);
    }

    @Test
    void creatingAModuleAppliesTheSettingToNd4j() {
        // the build's test JVMs do not set the property, so the default (one thread) applies when the first module
        // is created; a run that sets it (-Dmatterhorn.blas.threads=N) checks N instead
        String property = System.getProperty("matterhorn.blas.threads");
        Module m = new Linear(3, 2);
        assertTrue(m.parameters().size() > 0);
        if (property == null) {
            assertEquals(1, Nd4j.factory().blas().getMaxThreads());
            assertTrue(Matterhorn.runtimeSummary().endsWith("BLAS threads 1 (matterhorn.blas.threads default)"),
                    Matterhorn.runtimeSummary());
        } else if (BlasThreads.parse(property) == BlasThreads.KEEP) {
            assertTrue(Matterhorn.runtimeSummary().endsWith("BLAS threads ND4J's own (matterhorn.blas.threads=keep)"),
                    Matterhorn.runtimeSummary());
        } else {
            assertEquals(Integer.parseInt(property.strip()), Nd4j.factory().blas().getMaxThreads());
        }
    }
}
