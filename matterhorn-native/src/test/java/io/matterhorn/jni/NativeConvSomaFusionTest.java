package io.matterhorn.jni;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.matterhorn.kernel.Backends;
import io.matterhorn.kernel.SomaKernels;
import io.matterhorn.kernel.SomaSpec;
import io.matterhorn.kernel.jvm.JavaSomaKernels;
import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.numeric.ChannelSums;
import io.matterhorn.numeric.ConvGeometry;
import io.matterhorn.numeric.SparseRows;
import io.matterhorn.numeric.SpikeConv;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.synapse.Conv2d;
import io.matterhorn.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An event-driven convolution and the spiking soma after it in one pass of the CPU library
 * ({@link SomaKernels#forwardAfterConvolution}): the same potentials, final state and spike lists, bit for bit,
 * as the convolution's output written and then stepped through the soma, for every kind and reset, with and
 * without initial state and bias, on every instruction-set copy; the cap; non-finite outputs; the backward folded
 * into the convolution's gradients ({@link SomaKernels#backwardIntoConvolution}: the weight gradient of the soma's
 * input gradient up to rounding order, its channel sums to the bit); and a Conv2d + LIF pair in a model, whose
 * convolution output is then never computed and whose gradients are those of the unfused pair.
 */
class NativeConvSomaFusionTest {
    private static final int STEPS = 3;
    private static final int BATCH = 2;
    private static final int CHANNELS = 2;
    private static final int C_OUT = 5;
    /** 9x9 input, 3x3 window, stride 2, padding 1: 5x5 output. */
    private static final ConvGeometry GEOMETRY = new ConvGeometry(new int[] {9, 9}, new int[] {5, 5},
            new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1});
    private static final int SAMPLE = C_OUT * 25;
    private static final int NEURONS = BATCH * SAMPLE;
    private static final int TOTAL = STEPS * NEURONS;

    private SomaKernels nativeKernels;

    @BeforeEach
    void needNative() {
        NativeTestSupport.requireNative();
        nativeKernels = new NativeKernelProvider().somaKernels();
    }

    private static SparseRows ones(Random rnd, double density) {
        int cols = CHANNELS * GEOMETRY.inPlane();
        float[] x = new float[STEPS * BATCH * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble() < density ? 1f : 0f;
        }
        return SparseRows.compressInJava(FloatBuffer.wrap(x), 0, STEPS * BATCH, cols);
    }

    private static float[] uniform(Random rnd, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (rnd.nextFloat() - 0.3f) * scale;
        }
        return v;
    }

    /** The convolution's output written by the Java loops, then the plain listing forward. */
    private static SparseRows unfused(SomaKernels kernels, SomaSpec spec, SparseRows ones, float[] w, float[] bias,
            float[] h0, float[] u, float[] hLast, long maxOnes, FloatBuffer spikes) {
        float[] y = new float[TOTAL];
        SpikeConv.forwardInJava(ones, FloatBuffer.wrap(w), 0, bias == null ? null : FloatBuffer.wrap(bias), 0, C_OUT,
                GEOMETRY, FloatBuffer.wrap(y), 0);
        return kernels.forwardListingSpikes(spec, FloatBuffer.wrap(y), 0, h0, STEPS, NEURONS, spikes, u, hLast,
                SAMPLE, maxOnes, false);
    }

    /** Fused against unfused for one spec; returns the number of spikes. */
    private int check(SomaSpec spec, boolean withState, boolean withBias, long seed) {
        Random rnd = new Random(seed);
        SparseRows ones = ones(rnd, 0.3);
        float[] w = uniform(rnd, C_OUT * CHANNELS * 9, 1.2f);
        float[] bias = withBias ? uniform(rnd, C_OUT, 0.5f) : null;
        float[] h0 = withState ? uniform(rnd, NEURONS, 0.8f) : null;
        String what = spec + (withState ? " with h0" : "") + (withBias ? " with bias" : "");
        float[] u = new float[TOTAL];
        float[] hLast = new float[NEURONS];
        SparseRows expected = unfused(nativeKernels, spec, ones, w, bias, h0, u, hLast, TOTAL,
                FloatBuffer.allocate(TOTAL));
        float[] fusedU = new float[TOTAL];
        float[] fusedHLast = new float[NEURONS];
        FloatBuffer spikes = FloatBuffer.allocate(TOTAL);
        spikes.put(0, 7f);
        SparseRows lists = nativeKernels.forwardAfterConvolution(spec, ones, FloatBuffer.wrap(w), 0,
                bias == null ? null : FloatBuffer.wrap(bias), 0, C_OUT, GEOMETRY, STEPS, BATCH, h0, spikes, fusedU,
                fusedHLast, TOTAL);
        assertNotNull(lists, what + ": listed");
        assertArrayEquals(u, fusedU, what + ": u");
        assertArrayEquals(hLast, fusedHLast, what + ": hLast");
        assertEquals(STEPS * BATCH, lists.rows(), what + ": one row per step and sample");
        assertEquals(SAMPLE, lists.cols(), what + ": the sample's neurons as columns");
        assertArrayEquals(expected.rowStart(), lists.rowStart(), what + ": row starts");
        assertArrayEquals(expected.columns(), lists.columns(), what + ": columns");
        assertEquals(7f, spikes.get(0), what + ": the spike array is not written when the lists are made");
        // the Java kernels give the same potentials from the same convolution output
        float[] javaU = new float[TOTAL];
        unfused(new JavaSomaKernels(), spec, ones, w, bias, h0, javaU, new float[NEURONS], TOTAL,
                FloatBuffer.allocate(TOTAL));
        Fixtures.close(what + ": u of the Java kernels", javaU, fusedU, TOTAL);
        return lists.nonZeros();
    }

    @Test
    void theFusedForwardIsTheConvolutionThenTheSomaForEveryKindAndReset() {
        Random rnd = new Random(1);
        int spikes = 0;
        int runs = 0;
        for (NeuronKind kind : NeuronKind.values()) {
            for (boolean hard : new boolean[] {true, false}) {
                SomaSpec spec = new SomaSpec(kind, Fixtures.params(kind, rnd), Fixtures.surrogate(runs % 4, 2.0),
                        1f, hard ? 0f : -0.1f, hard);
                assertTrue(nativeKernels.fusesConvolution(spec), spec.toString());
                spikes += check(spec, runs % 2 == 0, runs % 3 != 0, 10 + runs);
                runs++;
            }
        }
        assertTrue(spikes > 0, "the inputs made neurons fire");
    }

    @Test
    void everyInstructionSetCopyFusesTheSame() {
        SomaSpec spec = new SomaSpec(NeuronKind.LIF, new float[] {1.5f}, Fixtures.surrogate(0, 2.0), 1f, 0f, true);
        NativeTestSupport.forEachIsa((isa, index) -> assertTrue(check(spec, true, true, 30 + index) > 0, isa));
    }

    /** Sums of the same terms in another order: within 1e-4 of the largest magnitude, and not all zero. */
    private static void closeSums(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0, what + ": all zero");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4 * scale, what + " at " + i);
        }
    }

    /** The folded backward against the soma's dL/dx, its weight gradient by the Java loops and its channel sums. */
    private void checkBackward(SomaSpec spec, boolean withState, long seed) {
        Random rnd = new Random(seed);
        SparseRows ones = ones(rnd, 0.3);
        float[] w = uniform(rnd, C_OUT * CHANNELS * 9, 1.2f);
        float[] h0 = withState ? uniform(rnd, NEURONS, 0.8f) : null;
        float[] u = new float[TOTAL];
        assertNotNull(nativeKernels.forwardAfterConvolution(spec, ones, FloatBuffer.wrap(w), 0, null, 0, C_OUT,
                GEOMETRY, STEPS, BATCH, h0, FloatBuffer.allocate(TOTAL), u, new float[NEURONS], TOTAL));
        float[] gradSpikes = Fixtures.signed(rnd, TOTAL);
        float[] gradHLast = withState ? Fixtures.signed(rnd, NEURONS) : null;
        String what = spec + (withState ? " with h0" : "");
        float[] gx = new float[TOTAL];
        float[] gh0 = withState ? new float[NEURONS] : null;
        nativeKernels.backwardInputs(spec, null, 0, h0, u, FloatBuffer.wrap(gradSpikes), 0, gradHLast, STEPS, NEURONS,
                FloatBuffer.wrap(gx), gh0);
        float[] expectedDw = SpikeConv.weightGradientInJava(ones, FloatBuffer.wrap(gx), 0, C_OUT, GEOMETRY);
        double[] expectedDb = ChannelSums.sumsInJava(FloatBuffer.wrap(gx), 0, STEPS * BATCH, C_OUT, 25);
        float[] dw = new float[C_OUT * CHANNELS * 9];
        double[] db = new double[C_OUT];
        float[] foldedGh0 = withState ? new float[NEURONS] : null;
        nativeKernels.backwardIntoConvolution(spec, h0, u, FloatBuffer.wrap(gradSpikes), 0, gradHLast, STEPS, BATCH,
                ones, C_OUT, GEOMETRY, foldedGh0, dw, db);
        closeSums(what + ": dW", expectedDw, dw);
        assertArrayEquals(expectedDb, db, what + ": db, the channel sums to the bit");
        if (withState) {
            assertArrayEquals(gh0, foldedGh0, what + ": gradH0");
        }
        float[] again = new float[dw.length];
        nativeKernels.backwardIntoConvolution(spec, h0, u, FloatBuffer.wrap(gradSpikes), 0, gradHLast, STEPS, BATCH,
                ones, C_OUT, GEOMETRY, null, again, null);
        assertArrayEquals(dw, again, what + ": dW again, without db and gradH0 (deterministic)");
    }

    @Test
    void theFoldedBackwardGivesTheConvolutionsGradientsOfTheSomasInputGradient() {
        Random rnd = new Random(60);
        int runs = 0;
        for (NeuronKind kind : NeuronKind.values()) {
            for (boolean hard : new boolean[] {true, false}) {
                SomaSpec spec = new SomaSpec(kind, Fixtures.params(kind, rnd), Fixtures.surrogate(runs % 4, 2.0),
                        1f, hard ? 0f : -0.1f, hard);
                checkBackward(spec, runs % 2 == 1, 70 + runs);
                runs++;
            }
        }
        SomaSpec lif = new SomaSpec(NeuronKind.LIF, new float[] {1.5f}, Fixtures.surrogate(0, 2.0), 1f, 0f, true);
        NativeTestSupport.forEachIsa((isa, index) -> checkBackward(lif, true, 90 + index));
    }

    @Test
    void overTheCapTheSpikesAreWrittenInsteadOfListed() {
        SomaSpec spec = new SomaSpec(NeuronKind.LIF, new float[] {1.5f}, Fixtures.surrogate(0, 2.0), 1f, 0f, true);
        Random rnd = new Random(40);
        SparseRows ones = ones(rnd, 0.3);
        float[] w = uniform(rnd, C_OUT * CHANNELS * 9, 1.2f);
        FloatBuffer plainSpikes = FloatBuffer.allocate(TOTAL);
        SparseRows all = unfused(nativeKernels, spec, ones, w, null, null, new float[TOTAL], new float[NEURONS],
                0, plainSpikes);
        assertNull(all, "no lists at a cap of 0");
        int count = SparseRows.compressInJava(plainSpikes, 0, STEPS, NEURONS).nonZeros();
        assertTrue(count > 1, "spikes");
        FloatBuffer spikes = FloatBuffer.allocate(TOTAL);
        assertNull(nativeKernels.forwardAfterConvolution(spec, ones, FloatBuffer.wrap(w), 0, null, 0, C_OUT,
                GEOMETRY, STEPS, BATCH, null, spikes, new float[TOTAL], new float[NEURONS], count - 1), "over the cap");
        assertArrayEquals(plainSpikes.array(), spikes.array(), "spikes written from the potentials");
        assertEquals(count, nativeKernels.forwardAfterConvolution(spec, ones, FloatBuffer.wrap(w), 0, null, 0, C_OUT,
                GEOMETRY, STEPS, BATCH, null, FloatBuffer.allocate(TOTAL), new float[TOTAL], new float[NEURONS],
                count).nonZeros(), "exactly at the cap");
    }

    @Test
    void nonFiniteWeightsAndBadSizesAreRefused() {
        SomaSpec spec = new SomaSpec(NeuronKind.LIF, new float[] {1.5f}, Fixtures.surrogate(0, 2.0), 1f, 0f, true);
        SparseRows ones = ones(new Random(50), 0.5);
        float[] w = uniform(new Random(51), C_OUT * CHANNELS * 9, 1f);
        w[4] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> nativeKernels.forwardAfterConvolution(spec, ones, FloatBuffer.wrap(w), 0, null, 0, C_OUT,
                        GEOMETRY, STEPS, BATCH, null, FloatBuffer.allocate(TOTAL), new float[TOTAL],
                        new float[NEURONS], TOTAL));
        assertTrue(e.getMessage().contains("NaN or an infinity"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> nativeKernels.forwardAfterConvolution(spec, ones,
                FloatBuffer.wrap(w), 0, null, 0, C_OUT, GEOMETRY, STEPS, BATCH + 1, null,
                FloatBuffer.allocate(TOTAL), new float[TOTAL], new float[NEURONS], TOTAL));
        assertTrue(e.getMessage().contains("T*B"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> nativeKernels.forwardAfterConvolution(spec, ones,
                FloatBuffer.wrap(new float[3]), 0, null, 0, C_OUT, GEOMETRY, STEPS, BATCH, null,
                FloatBuffer.allocate(TOTAL), new float[TOTAL], new float[NEURONS], TOTAL));
        assertTrue(e.getMessage().contains("w [C_out, C, K]"), e.getMessage());
        assertFalse(new JavaSomaKernels().fusesConvolution(spec), "the Java kernels do not fuse");
        assertThrows(UnsupportedOperationException.class, () -> new JavaSomaKernels().forwardAfterConvolution(spec,
                ones, FloatBuffer.wrap(w), 0, null, 0, C_OUT, GEOMETRY, STEPS, BATCH, null,
                FloatBuffer.allocate(TOTAL), new float[TOTAL], new float[NEURONS], TOTAL));
    }

    @Test
    void aConvolutionBeforeALifLayerIsNeverComputedAndTrainsTheSame() {
        assumeTrue("native".equals(Backends.provider().name()), "the CPU library is not the selected backend");
        // 20% ones, below the event-driven convolution's limit of 30%
        Random rnd = new Random(3);
        float[] ones = new float[4 * 3 * 2 * 12 * 12];
        for (int i = 0; i < ones.length; i++) {
            ones[i] = rnd.nextDouble() < 0.2 ? 1f : 0f;
        }
        INDArray events = Nd4j.create(ones, new long[] {4, 3, 2, 12, 12}, 'c');
        INDArray weights = Nd4j.create(uniform(rnd, 4 * 3 * 8 * 6 * 6, 1f), new long[] {4, 3, 8, 6, 6}, 'c');
        Conv2d fusedConv = Conv2d.builder(2, 8, 3).stride(2).padding(1).random(new Random(7)).build();
        Conv2d plainConv = Conv2d.builder(2, 8, 3).stride(2).padding(1).random(new Random(7)).build();
        // scaled up so that the LIF layer fires
        fusedConv.weight().value().muli(6f);
        plainConv.weight().value().muli(6f);
        Tensor fusedDrive = new Sequential(fusedConv).forward(Tensor.of(events).markSpikeValued());
        Tensor fusedOut = new Sequential(LIF.builder().build()).forward(fusedDrive);
        assertNotNull(fusedDrive.pendingConvolution(), "the convolution's output was never computed");
        Tensor plainDrive = new Sequential(plainConv).forward(Tensor.of(events).markSpikeValued());
        plainDrive.value();
        assertNull(plainDrive.pendingConvolution(), "a computed output has no pending convolution");
        Tensor plainOut = new Sequential(LIF.builder().build()).forward(plainDrive);
        assertNotNull(fusedOut.sparseRows(), "the fused LIF layer lists its spikes");
        assertEquals(plainOut.sparseRows().nonZeros(), fusedOut.sparseRows().nonZeros(), "spike count");
        assertTrue(fusedOut.sparseRows().nonZeros() > 0, "some spikes");
        assertArrayEquals(plainOut.value().dup('c').data().asFloat(), fusedOut.value().dup('c').data().asFloat(),
                "spikes");
        fusedOut.mul(Tensor.of(weights)).sum().backward();
        plainOut.mul(Tensor.of(weights)).sum().backward();
        // the fused backward adds the same terms per sample, in another order
        closeSums("weight gradient", plainConv.weight().grad().dup('c').data().asFloat(),
                fusedConv.weight().grad().dup('c').data().asFloat());
        assertArrayEquals(plainConv.bias().grad().dup('c').data().asFloat(),
                fusedConv.bias().grad().dup('c').data().asFloat(), "bias gradient");
        // reading the lazy output computes the convolution itself: the unfused output
        assertArrayEquals(plainDrive.value().dup('c').data().asFloat(), fusedDrive.value().dup('c').data().asFloat(),
                "the convolution's output when read");
    }
}
