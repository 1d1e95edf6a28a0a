package io.matterhorn.snn.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.StepMode;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.encoder.PoissonEncoder;
import io.matterhorn.snn.soma.IF;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.synapse.Linear;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Sequential constructor rewrites its child list. */
class SequentialRewriteTest {

    @Test
    void somasAreGroupedAndWrappedInTemporal() {
        Linear linear = new Linear(4, 4, true, false, new Random(1));
        LIF lif1 = new LIF();
        LIF lif2 = new LIF();
        ReluModule relu = new ReluModule();
        IF integrate = new IF();
        Sequential seq = new Sequential(linear, lif1, lif2, relu, integrate);

        List<Module> c = seq.children();
        assertEquals(4, c.size());
        assertSame(linear, c.get(0));
        assertEquals(StepMode.MULTI, linear.stepMode(), "synapse switched to multi-step in place");

        Temporal t1 = assertInstanceOf(Temporal.class, c.get(1));
        Spatial group = assertInstanceOf(Spatial.class, t1.module());
        assertEquals(List.of(lif1, lif2), group.children());
        assertEquals(StepMode.SINGLE, group.stepMode());
        assertEquals(StepMode.SINGLE, lif1.stepMode());

        assertSame(relu, c.get(2));
        assertEquals(StepMode.MULTI, relu.stepMode());

        Temporal t2 = assertInstanceOf(Temporal.class, c.get(3));
        assertSame(integrate, t2.module());
        assertEquals(StepMode.MULTI, t1.stepMode());
        assertEquals(StepMode.MULTI, t2.stepMode());
        assertEquals(StepMode.MULTI, seq.stepMode());
        assertTrue(t1.resetAfterProcess() && t2.resetAfterProcess());
    }

    @Test
    void resetAfterProcessIsPassedToTheWrappers() {
        Sequential seq = new Sequential(false, new Linear(2, 2, true, false, new Random(2)), new LIF());
        Temporal t = assertInstanceOf(Temporal.class, seq.children().get(1));
        assertFalse(t.resetAfterProcess());
    }

    @Test
    void multiStepModulesAreKeptAsTheyAre() {
        PoissonEncoder enc = new PoissonEncoder(4, 1L);
        Linear multi = new Linear(3, 3, true, true, new Random(3));
        AvgSpikeDecoder dec = new AvgSpikeDecoder();
        Temporal wrapped = new Temporal(new LIF());
        Sequential seq = new Sequential(enc, multi, wrapped, dec);
        assertEquals(List.of(enc, multi, wrapped, dec), seq.children());
    }

    @Test
    void leadingAndTrailingSomaGroups() {
        Sequential seq = new Sequential(new IF(), new LIF(), new Linear(2, 2, true, false, new Random(4)),
                new LIF());
        List<Module> c = seq.children();
        assertEquals(3, c.size());
        assertInstanceOf(Spatial.class, ((Temporal) c.get(0)).module());
        assertInstanceOf(Linear.class, c.get(1));
        assertInstanceOf(LIF.class, ((Temporal) c.get(2)).module());
    }

    @Test
    void emptyOrNullChildrenAreRejected() {
        assertThrows(IllegalArgumentException.class, Sequential::new);
        assertThrows(IllegalArgumentException.class, () -> new Sequential(new LIF(), null));
    }
}
