package io.matterhorn.snn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.StepMode;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.container.Spatial;
import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** SRM0Linear: golden trace of 1.0.1, step modes, reset/detach, errors. BPTT is in SRM0LinearBpttTest. */
class SRM0LinearTest {

    private static SRM0Linear unitLayer() {
        SRM0Linear layer = new SRM0Linear(1, 1);
        layer.loadWeight(Nd4j.ones(DataType.FLOAT, 1, 1));
        return layer;
    }

    private static Tensor step(float v) {
        return Tensor.of(Nd4j.create(new float[] {v}, 1, 1));
    }

    @Test
    void goldenTraceOfSpec8_4() {
        SRM0Linear layer = unitLayer();
        float[] inputs = {1, 1, 0, 1, 1};
        float[] o = {0, 1, 0, 1, 0};
        float[] s = {1, 1.5f, 0.75f, 1.375f, 1.6875f};
        float[] r = {1, 0, 1, 0, 1};
        for (int t = 0; t < inputs.length; t++) {
            Tensor out = layer.forward(step(inputs[t]));
            assertEquals(o[t], out.item(), 0, "o at step " + (t + 1));
            assertEquals(s[t], layer.synapticTrace().item(), 1e-7, "s at step " + (t + 1));
            assertEquals(r[t], layer.resetGate().item(), 0, "r at step " + (t + 1));
            assertTrue(out.isSpikeValued());
        }
    }

    @Test
    void temporalGivesTheSameTraceAndResetsAfterTheSequence() {
        SRM0Linear layer = unitLayer();
        Temporal temporal = new Temporal(layer);
        Tensor x = Tensor.of(Nd4j.create(new float[] {1, 1, 0, 1, 1}, 5, 1, 1));
        assertArrayEquals(new float[] {0, 1, 0, 1, 0}, temporal.forward(x).toFloatArray(), 0f);
        assertNull(layer.synapticTrace());
        assertNull(layer.resetGate());
        assertArrayEquals(new float[] {0, 1, 0, 1, 0}, temporal.forward(x).toFloatArray(), 0f);
    }

    @Test
    void streamingCarriesStateAcrossCalls() {
        SRM0Linear layer = unitLayer();
        Temporal temporal = new Temporal(layer, false);
        float[] first = temporal.forward(Tensor.of(Nd4j.create(new float[] {1, 1}, 2, 1, 1))).toFloatArray();
        float[] second = temporal.forward(Tensor.of(Nd4j.create(new float[] {0, 1, 1}, 3, 1, 1))).toFloatArray();
        assertArrayEquals(new float[] {0, 1}, first, 0f);
        assertArrayEquals(new float[] {0, 1, 0}, second, 0f);
        assertEquals(1.6875, layer.synapticTrace().item(), 1e-7);
        layer.reset();
        assertNull(layer.synapticTrace());
        assertEquals(0f, layer.forward(step(5)).item(), 0, "first step after reset is silent");
    }

    @Test
    void isSingleStepOnlySoSequentialWrapsItInTemporal() {
        SRM0Linear a = new SRM0Linear(6, 5);
        SRM0Linear b = new SRM0Linear(5, 3);
        assertFalse(a.setStepMode(StepMode.MULTI));
        assertFalse(a.isMultiStep());
        Sequential seq = new Sequential(new Flatten(), a, b, new AvgSpikeDecoder());
        List<Module> children = seq.children();
        assertEquals(3, children.size());
        Temporal temporal = (Temporal) children.get(1);
        Spatial spatial = (Spatial) temporal.module();
        assertSame(a, spatial.children().get(0));
        assertSame(b, spatial.children().get(1));
        Tensor out = seq.forward(Tensor.of(Nd4j.ones(DataType.FLOAT, 4, 2, 6)));
        assertArrayEquals(new long[] {2, 3}, out.shape());
        assertNull(a.synapticTrace(), "Temporal resets the layers after each sequence");
    }

    @Test
    void secondTrainingBatchWorksInsideSequential() {
        // 1.0.1's example 3 crashes here ("backward through the graph a second time"; docs/differences-from-1.0.1.md
        // #8)
        SRM0Linear layer = SRM0Linear.builder(6, 3).spikingFunction(new Sigmoid()).trainable(true)
                .random(new Random(3)).build();
        Sequential seq = new Sequential(layer, new AvgSpikeDecoder());
        Nd4j.getRandom().setSeed(5);
        for (int batch = 0; batch < 2; batch++) {
            Tensor x = Tensor.of(Nd4j.rand(DataType.FLOAT, 5, 2, 6).gt(0.3).castTo(DataType.FLOAT));
            seq.zeroGrad();
            seq.forward(x).sum().backward();
            assertTrue(layer.weight().grad().norm2Number().doubleValue() > 0, "batch " + batch);
        }
    }

    @Test
    void detachCutsTheHistoryButKeepsTheValues() {
        SRM0Linear layer = SRM0Linear.builder(3, 2).spikingFunction(new Sigmoid()).random(new Random(1)).build();
        layer.loadWeight(Nd4j.create(new float[] {0.3f, 0.2f, 0.1f, 0.1f, 0.1f, 0.1f}, 2, 3));
        Tensor x1 = Tensor.variable(Nd4j.ones(DataType.FLOAT, 1, 3));
        Tensor x2 = Tensor.variable(Nd4j.ones(DataType.FLOAT, 1, 3));
        layer.forward(x1);
        layer.forward(x1);
        double sBefore = layer.synapticTrace().value().getDouble(0);
        layer.detach();
        assertEquals(sBefore, layer.synapticTrace().value().getDouble(0), 0);
        assertFalse(layer.synapticTrace().requiresGrad());
        assertFalse(layer.resetGate().requiresGrad());
        layer.forward(x2).sum().backward();
        assertNull(x1.grad(), "no gradient may reach the steps before detach()");
        assertTrue(x2.grad() != null && x2.grad().norm2Number().doubleValue() > 0);
    }

    @Test
    void parametersAndInitialisation() {
        SRM0Linear layer = SRM0Linear.builder(100, 7).random(new Random(9)).build();
        assertEquals(List.of("weight", "tau_m"), List.copyOf(layer.namedParameters().keySet()));
        assertArrayEquals(new long[] {7, 100}, layer.weight().shape());
        assertEquals(0.1, layer.weight().value().amaxNumber().doubleValue(), 0.01, "U(-1/sqrt(in), 1/sqrt(in))");
        assertTrue(layer.weight().requiresGrad());
        assertFalse(layer.tauM().requiresGrad(), "tau_m not trainable by default");
        assertEquals(2.0, layer.tauM().item(), 0);
        assertTrue(SRM0Linear.builder(4, 2).tauM(3.0).spikingFunction(new Sigmoid()).trainable(true)
                .build().tauM().requiresGrad());
        assertArrayEquals(layer.weight().toFloatArray(),
                SRM0Linear.builder(100, 7).random(new Random(9)).build().weight().toFloatArray(), 0f);
    }

    @Test
    void rejectsBadShapesAndParameters() {
        SRM0Linear layer = new SRM0Linear(4, 2);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(Tensor.of(Nd4j.ones(DataType.FLOAT, 3, 2, 4))));
        assertTrue(shape.getMessage().contains("SRM0Linear(4, 2)") && shape.getMessage().contains("[B, 4]"),
                shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.of(Nd4j.ones(DataType.FLOAT, 3, 5))));
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> new SRM0Linear(4, 2).forward(Tensor.of(Nd4j.ones(DataType.DOUBLE, 3, 4))));
        assertTrue(type.getMessage().contains("float32"), type.getMessage());
        layer.forward(Tensor.of(Nd4j.ones(DataType.FLOAT, 3, 4)));
        IllegalStateException batch = assertThrows(IllegalStateException.class,
                () -> layer.forward(Tensor.of(Nd4j.ones(DataType.FLOAT, 5, 4))));
        assertTrue(batch.getMessage().contains("reset()"), batch.getMessage());
        layer.reset();
        layer.forward(Tensor.of(Nd4j.ones(DataType.FLOAT, 5, 4)));
        assertThrows(IllegalArgumentException.class, () -> new SRM0Linear(0, 2));
        assertThrows(IllegalArgumentException.class, () -> SRM0Linear.builder(2, 2).tauM(0).build());
        assertThrows(IllegalArgumentException.class, () -> SRM0Linear.builder(2, 2).tauM(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> SRM0Linear.builder(2, 2).uThreshold(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> SRM0Linear.builder(2, 2).spikingFunction(null).build());
        INDArray wrong = Nd4j.ones(DataType.FLOAT, 4, 2);
        assertThrows(IllegalArgumentException.class, () -> layer.loadWeight(wrong));
    }
}
