package io.matterhorn.snn.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.StepMode;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.container.Spatial;
import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.soma.IF;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** STDPLinear inside Temporal and Sequential: 1.0.1's golden update, switching, reset, options, errors. */
class STDPLinearTest {
    /** 1.0.1's reference example: inputs by step [1,0], [0,1], [1,1], [0,0]. */
    private static final float[] X = {1, 0, 0, 1, 1, 1, 0, 0};
    private static final float[] W0 = {0.6f, 0f, 0f, 0.3f};
    private static final float[] W_AFTER = {0.6f, -0.0183940f, 0.0183940f, 0.3303266f};
    private static final float[] W_AFTER_B2 = {0.6f, -0.0367879f, 0.0367879f, 0.3606531f};

    private static STDPLinear golden() {
        STDPLinear s = new STDPLinear(2, 2, IF.builder().uThreshold(0.5).build());
        s.loadWeight(Nd4j.create(W0, new long[] {2, 2}, 'c'));
        return s;
    }

    private static Tensor input(int batch) {
        float[] x = new float[4 * batch * 2];
        for (int t = 0; t < 4; t++) {
            for (int b = 0; b < batch; b++) {
                System.arraycopy(X, t * 2, x, (t * batch + b) * 2, 2);
            }
        }
        return Tensor.of(Nd4j.create(x, new long[] {4, batch, 2}, 'c'));
    }

    private static float[] w(STDPLinear s) {
        return s.weight().toFloatArray();
    }

    @Test
    void goldenUpdateInsideTemporal() {
        STDPLinear s = golden();
        Temporal t = new Temporal(s);
        t.startStep();
        assertTrue(s.isLearning());
        Tensor o = t.forward(input(1));
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 1, 0, 0}, o.toFloatArray());
        assertArrayEquals(new long[] {4, 1, 2}, o.shape());
        assertArrayEquals(W_AFTER, w(s), 1e-6f);
        assertEquals(0, s.recordedSteps(), "Temporal resets after the sequence");
    }

    @Test
    void batchContributionsAreSummed() {
        STDPLinear s = golden();
        Temporal t = new Temporal(s);
        t.startStep();
        t.forward(input(2));
        assertArrayEquals(W_AFTER_B2, w(s), 1e-6f);
    }

    @Test
    void noUpdateWithoutStartStepOrAfterStopStep() {
        STDPLinear s = golden();
        Temporal t = new Temporal(s);
        t.forward(input(1));
        assertArrayEquals(W0, w(s));
        t.startStep();
        t.forward(input(1));
        assertArrayEquals(W_AFTER, w(s), 1e-6f);
        t.stopStep();
        assertFalse(s.isLearning());
        float[] learned = w(s);
        Tensor o = t.forward(input(1));
        assertArrayEquals(learned, w(s), 0f);
        assertEquals(8, o.length());
        assertEquals(0, s.recordedSteps());
    }

    @Test
    void resetClearsTheRecordedSpikes() {
        STDPLinear s = golden();
        s.startStep();
        Tensor x = input(1);
        s.forward(x.select(0));
        s.forward(x.select(1));
        assertEquals(2, s.recordedSteps());
        s.reset();
        assertEquals(0, s.recordedSteps());
        s.stepOnce();
        assertArrayEquals(W0, w(s), 0f);
        // Stepping by hand after a full sequence gives the golden update; a second stepOnce() changes nothing.
        for (int k = 0; k < 4; k++) {
            s.forward(x.select(k));
        }
        assertEquals(4, s.recordedSteps());
        s.stepOnce();
        assertArrayEquals(W_AFTER, w(s), 1e-6f);
        s.stepOnce();
        assertArrayEquals(W_AFTER, w(s), 1e-6f);
    }

    @Test
    void streamingChunksLearnEachPairOnce() {
        STDPLinear s = golden();
        Temporal t = new Temporal(s, false);
        t.startStep();
        INDArray x = input(1).value();
        Tensor first = t.forward(Tensor.of(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)).dup('c')));
        Tensor second = t.forward(Tensor.of(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4)).dup('c')));
        assertArrayEquals(new float[] {1, 0, 0, 0}, first.toFloatArray());
        assertArrayEquals(new float[] {1, 1, 0, 0}, second.toFloatArray());
        assertArrayEquals(W_AFTER, w(s), 1e-6f);
    }

    @Test
    void sequentialWrapsItInTemporalAndLearnsAfterStartStep() {
        STDPLinear s = golden();
        assertFalse(s.supportsMultiStep());
        assertFalse(s.setStepMode(StepMode.MULTI));
        Sequential model = new Sequential(s);
        Module wrapper = model.children().get(0);
        assertInstanceOf(Temporal.class, wrapper);
        assertSame(s, ((Temporal) wrapper).module());
        assertFalse(s.isMultiStep());

        model.forward(input(1));
        assertArrayEquals(W0, w(s), 0f);
        model.startStep();
        Tensor o = model.forward(input(1));
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 1, 0, 0}, o.toFloatArray());
        assertArrayEquals(W_AFTER, w(s), 1e-6f);
        model.stopStep();
        model.forward(input(1));
        assertArrayEquals(W_AFTER, w(s), 1e-6f);
    }

    @Test
    void twoLayersInSequentialBothLearn() {
        Random r = new Random(1);
        STDPLinear a = STDPLinear.builder(6, 5, IF.builder().uThreshold(0.3).build()).random(r).build();
        STDPLinear b = STDPLinear.builder(5, 4, IF.builder().uThreshold(0.1).build()).random(r).build();
        a.loadWeight(Nd4j.rand(DataType.FLOAT, 5, 6).muli(0.5));
        b.loadWeight(Nd4j.rand(DataType.FLOAT, 4, 5).muli(0.5));
        Sequential model = new Sequential(a, b);
        Module wrapper = model.children().get(0);
        assertInstanceOf(Spatial.class, ((Temporal) wrapper).module());
        float[] a0 = w(a);
        float[] b0 = w(b);
        model.startStep();
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, 6).gt(0.5).castTo(DataType.FLOAT);
        model.forward(Tensor.of(x));
        assertFalse(java.util.Arrays.equals(a0, w(a)), "first layer learned");
        assertFalse(java.util.Arrays.equals(b0, w(b)), "second layer learned");
    }

    @Test
    void learningRateScalesAndBoundsClipTheUpdate() {
        STDPLinear half = STDPLinear.builder(2, 2, IF.builder().uThreshold(0.5).build()).learningRate(0.5)
                .build();
        half.loadWeight(Nd4j.create(W0, new long[] {2, 2}, 'c'));
        Temporal t = new Temporal(half);
        t.startStep();
        t.forward(input(1));
        assertArrayEquals(new float[] {0.6f, -0.0091970f, 0.0091970f, 0.3151633f}, w(half), 1e-6f);
        assertEquals(0.5, half.learningRate());

        STDPLinear clipped = STDPLinear.builder(2, 2, IF.builder().uThreshold(0.5).build())
                .weightBounds(-0.01, 0.32).build();
        clipped.loadWeight(Nd4j.create(W0, new long[] {2, 2}, 'c'));
        Temporal c = new Temporal(clipped);
        c.startStep();
        c.forward(input(1));
        assertArrayEquals(new float[] {0.32f, -0.01f, 0.0183940f, 0.32f}, w(clipped), 1e-6f);
        assertEquals(-0.01, clipped.weightMin());
        assertEquals(0.32, clipped.weightMax());
    }

    @Test
    void weightIsAParameterWithoutGradientAndInputGradientsStillFlow() {
        Random r = new Random(5);
        STDPLinear s = STDPLinear.builder(3, 2, LIF.builder().tauM(2.0).build()).random(r).build();
        assertEquals(java.util.List.of("weight", "soma.tau_m"), java.util.List.copyOf(s.namedParameters().keySet()));
        assertFalse(s.weight().requiresGrad());
        assertTrue(s.trainableParameters().isEmpty());
        float bound = (float) (1 / Math.sqrt(3));
        for (float v : w(s)) {
            assertTrue(Math.abs(v) < bound, "initial weight in (-1/sqrt(in), 1/sqrt(in)): " + v);
        }
        s.loadWeight(Nd4j.create(new float[] {2, 2, 2, 3, 3, 3}, new long[] {2, 3}, 'c'));
        Tensor x = Tensor.variable(Nd4j.create(new float[] {1, 0, 1, 0, 1, 0, 1, 1, 1}, new long[] {3, 1, 3}, 'c'));
        Temporal t = new Temporal(s);
        t.startStep();
        Tensor o = t.forward(x);
        o.sum().backward();
        assertNotNull(x.grad(), "gradient reaches the input through the surrogate");
        assertNull(s.weight().grad());
        assertNotEquals(0.0, x.grad().sumNumber().doubleValue());
    }

    @Test
    void sameSpikesAndInputGradientsAsLinearFollowedByTheSoma() {
        Random r = new Random(9);
        INDArray w = Nd4j.rand(DataType.FLOAT, 4, 6).subi(0.3);
        INDArray g = Nd4j.rand(DataType.FLOAT, 5, 2, 4);
        for (boolean spikes : new boolean[] {true, false}) {
            INDArray xv = Nd4j.rand(DataType.FLOAT, 5, 2, 6).muli(2);
            if (spikes) {
                xv = xv.gt(1.0).castTo(DataType.FLOAT);
            }
            STDPLinear s = STDPLinear.builder(6, 4, LIF.builder().tauM(2.0).spikingFunction(
                    new io.matterhorn.snn.surrogate.Sigmoid()).build()).random(r).build();
            s.loadWeight(w);
            io.matterhorn.snn.synapse.Linear lin = new io.matterhorn.snn.synapse.Linear(6, 4, false, false, r);
            lin.load(w, null);
            Temporal reference = new Temporal(new Spatial(lin, LIF.builder().tauM(2.0).spikingFunction(
                    new io.matterhorn.snn.surrogate.Sigmoid()).build()));
            Tensor x1 = Tensor.variable(xv);
            Tensor x2 = Tensor.variable(xv.dup());
            Tensor o1 = new Temporal(s).forward(x1);
            Tensor o2 = reference.forward(x2);
            o1.mul(Tensor.of(g)).sum().backward();
            o2.mul(Tensor.of(g)).sum().backward();
            assertArrayEquals(o2.toFloatArray(), o1.toFloatArray());
            assertArrayEquals(x2.grad().dup('c').data().asFloat(), x1.grad().dup('c').data().asFloat(), 1e-6f);
            // Without gradient recording the event-driven path gives the same spikes.
            try (var noGrad = io.matterhorn.tensor.Grad.disabled()) {
                assertArrayEquals(o2.toFloatArray(), new Temporal(s).forward(Tensor.of(xv)).toFloatArray());
            }
        }
    }

    @Test
    void badArgumentsFailClearly() {
        IF soma = IF.builder().uThreshold(0.5).build();
        IllegalArgumentException tau = assertThrows(IllegalArgumentException.class,
                () -> new STDPLinear(2, 2, soma, 0.05, 0.0, 0.05, 2.0));
        assertTrue(tau.getMessage().contains("tau+"), tau.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new STDPLinear(2, 2, soma, 0.05, 2.0, 0.05, -3.0));
        assertThrows(IllegalArgumentException.class, () -> new STDPLinear(0, 2, soma));
        assertThrows(IllegalArgumentException.class, () -> new STDPLinear(2, 2, null));
        assertThrows(IllegalArgumentException.class, () -> STDPLinear.builder(2, 2, soma).learningRate(0));
        assertThrows(IllegalArgumentException.class, () -> STDPLinear.builder(2, 2, soma).weightBounds(1, 0));

        STDPLinear s = golden();
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> s.forward(Tensor.of(Nd4j.zeros(DataType.FLOAT, 1, 3))));
        assertTrue(shape.getMessage().contains("STDPLinear(2, 2): expected one step [B, 2], got [1, 3]"),
                shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.forward(Tensor.of(Nd4j.zeros(DataType.FLOAT, 4, 1, 2))));
        IllegalArgumentException load = assertThrows(IllegalArgumentException.class,
                () -> s.loadWeight(Nd4j.zeros(DataType.FLOAT, 2, 3)));
        assertTrue(load.getMessage().contains("[2, 2]"), load.getMessage());

        s.startStep();
        Tensor nan = Tensor.of(Nd4j.create(new float[] {Float.NaN, 1}, new long[] {1, 2}, 'c'));
        IllegalArgumentException nanError = assertThrows(IllegalArgumentException.class, () -> s.forward(nan));
        assertTrue(nanError.getMessage().contains("NaN"), nanError.getMessage());

        s.forward(Tensor.of(Nd4j.ones(DataType.FLOAT, 1, 2)));
        assertThrows(IllegalStateException.class, () -> s.forward(Tensor.of(Nd4j.ones(DataType.FLOAT, 3, 2))));
    }
}
