package io.matterhorn.snn.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.StepMode;
import io.matterhorn.snn.decoder.SumSpikeDecoder;
import io.matterhorn.snn.encoder.PoissonEncoder;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.soma.IF;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.synapse.Linear;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Which modules accept which step mode, Spatial's OR rule, Temporal's precondition. */
class StepModeTest {

    @Test
    void unsupportedModesAreRefusedAndLeaveTheModeUnchanged() {
        LIF lif = new LIF();
        assertFalse(lif.setStepMode(StepMode.MULTI));
        assertEquals(StepMode.SINGLE, lif.stepMode());
        assertTrue(lif.setStepMode(StepMode.SINGLE));

        PoissonEncoder enc = new PoissonEncoder(3, 1L);
        assertFalse(enc.setStepMode(StepMode.SINGLE));
        assertEquals(StepMode.MULTI, enc.stepMode());

        SumSpikeDecoder dec = new SumSpikeDecoder();
        assertFalse(dec.setStepMode(StepMode.SINGLE));
        assertTrue(dec.isMultiStep());

        Temporal t = new Temporal(new IF());
        assertFalse(t.setStepMode(StepMode.SINGLE));
        assertTrue(t.isMultiStep());
    }

    @Test
    void synapsesAndLayersSupportBothModes() {
        Linear linear = new Linear(2, 3, true, false, new Random(1));
        assertEquals(StepMode.SINGLE, linear.stepMode());
        assertTrue(linear.setStepMode(StepMode.MULTI));
        assertTrue(linear.isMultiStep());
        assertTrue(linear.setStepMode(StepMode.SINGLE));
        Flatten flatten = new Flatten();
        assertTrue(flatten.setStepMode(StepMode.MULTI));
        assertTrue(flatten.isMultiStep());
    }

    @Test
    void spatialModeIsTheOrOfItsChildren() {
        assertEquals(StepMode.SINGLE, new Spatial(new Linear(2, 2, true, false, new Random(1)), new LIF())
                .stepMode());
        assertEquals(StepMode.MULTI, new Spatial(new Linear(2, 2, true, true, new Random(1)), new LIF())
                .stepMode());

        Linear linear = new Linear(2, 2, true, false, new Random(1));
        LIF lif = new LIF();
        Spatial s = new Spatial(linear, lif);
        assertTrue(s.setStepMode(StepMode.MULTI), "Spatial always reports success");
        assertTrue(linear.isMultiStep());
        assertFalse(lif.isMultiStep());
        assertTrue(s.isMultiStep());

        assertTrue(s.setStepMode(StepMode.SINGLE));
        assertFalse(linear.isMultiStep());
        assertFalse(s.isMultiStep());

        Spatial onlySomas = new Spatial(new LIF(), new IF());
        assertTrue(onlySomas.setStepMode(StepMode.MULTI));
        assertFalse(onlySomas.isMultiStep(), "no child could switch, so the OR stays single");
    }

    @Test
    void temporalRejectsAMultiStepModule() {
        Linear multi = new Linear(2, 2, true, true, new Random(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Temporal(multi));
        assertTrue(e.getMessage().contains("multi-step"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Temporal(new PoissonEncoder(2, 1L)));
        assertThrows(IllegalArgumentException.class,
                () -> new Temporal(new Spatial(new Linear(2, 2, true, true, new Random(1)), new LIF())));
        assertThrows(IllegalArgumentException.class, () -> new Temporal(null));
    }
}
