package io.matterhorn.jni;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.matterhorn.numeric.SparseRows;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.snn.synapse.Conv2d;
import io.matterhorn.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The soma forward that lists its spikes ({@link SomaKernels#forwardListingSpikes}) in the CPU library: the same
 * outputs as the plain forward, and lists equal to the Java compression of the spike array, for every kind and
 * reset, shapes across several blocks of neurons, every instruction set copy; the cap, bad arguments, and the
 * layers that hand the lists on (a LIF layer attaches them to its output, the next convolution reads them).
 */
class NativeSpikeListingTest {
    private SomaKernels nativeKernels;

    @BeforeEach
    void needNative() {
        NativeTestSupport.requireNative();
        nativeKernels = new NativeKernelProvider().somaKernels();
    }

    /** {steps, neurons, cols}: one block, several blocks with a remainder, rows that straddle blocks. */
    private static final int[][] SHAPES = {{1, 1, 1}, {3, 40, 8}, {5, 2 * 4100, 4100}, {4, 3 * 1500, 1500},
        {2, 6150, 6150}, {7, 129, 129}};

    private static SomaSpec spec(NeuronKind kind, boolean hard, Random rnd) {
        return new SomaSpec(kind, Fixtures.params(kind, rnd), Fixtures.surrogate(0, 2.0), 1f, 0f, hard);
    }

    /** Checks one call against the plain forward and the Java compression; returns the number of spikes. */
    private int check(SomaSpec spec, int steps, int neurons, int cols, long seed) {
        Random rnd = new Random(seed);
        int total = steps * neurons;
        float[] x = Fixtures.input(spec.kind(), rnd, total);
        float[] h0 = rnd.nextBoolean() ? Fixtures.input(spec.kind(), rnd, neurons) : null;
        SomaKernels.SomaForward plain = nativeKernels.forward(spec, x, h0, steps, neurons);
        FloatBuffer spikes = FloatBuffer.allocate(total);
        float[] u = new float[total];
        float[] hLast = new float[neurons];
        SparseRows lists = nativeKernels.forwardListingSpikes(spec, FloatBuffer.wrap(x), 0, h0, steps, neurons,
                spikes, u, hLast, cols, total, true);
        String what = spec.kind() + (spec.hardReset() ? " hard" : " soft") + " T=" + steps + " N=" + neurons;
        assertArrayEquals(plain.spikes(), spikes.array(), "spikes " + what);
        assertArrayEquals(plain.u(), u, "u " + what);
        assertArrayEquals(plain.hLast(), hLast, "hLast " + what);
        assertNotNull(lists, "lists " + what);
        SparseRows expected = SparseRows.compressInJava(FloatBuffer.wrap(plain.spikes()), 0, total / cols, cols);
        assertEquals(expected.rows(), lists.rows(), "rows " + what);
        assertEquals(cols, lists.cols(), "cols " + what);
        assertArrayEquals(expected.rowStart(), lists.rowStart(), "rowStart " + what);
        assertArrayEquals(expected.columns(), lists.columns(), "columns " + what);
        assertNull(lists.values(), "spikes are listed without values");
        return lists.nonZeros();
    }

    @Test
    void listsAreTheCompressionOfTheSpikesForEveryKindResetAndShape() {
        Random rnd = new Random(1);
        long spikes = 0;
        for (NeuronKind kind : NeuronKind.values()) {
            for (boolean hard : new boolean[] {true, false}) {
                for (int[] s : SHAPES) {
                    spikes += check(spec(kind, hard, rnd), s[0], s[1], s[2], rnd.nextLong());
                }
            }
        }
        assertTrue(spikes > 1000, "the inputs make spikes: " + spikes);
    }

    @Test
    void everyInstructionSetCopyListsTheSameSpikes() {
        NativeTestSupport.forEachIsa((isa, index) -> {
            long calls = NativeBridge.callCount(NativeBridge.CPU);
            Random rnd = new Random(10 + index);
            assertTrue(check(spec(NeuronKind.LIF, true, rnd), 5, 2 * 4100, 4100, 20 + index) > 0, isa);
            assertTrue(NativeBridge.callCount(NativeBridge.CPU) >= calls + 2, "the library ran (" + isa + ")");
        });
    }

    @Test
    void moreSpikesThanTheCapGiveNoListsAndTheSameOutputs() {
        SomaSpec spec = spec(NeuronKind.LIF, true, new Random(2));
        int steps = 6;
        int neurons = 5000;
        float[] x = Fixtures.input(new Random(3), steps * neurons);
        SomaKernels.SomaForward plain = nativeKernels.forward(spec, x, null, steps, neurons);
        int count = SparseRows.compressInJava(FloatBuffer.wrap(plain.spikes()), 0, steps, neurons).nonZeros();
        assertTrue(count > 0, "spikes");
        FloatBuffer spikes = FloatBuffer.allocate(steps * neurons);
        float[] u = new float[steps * neurons];
        float[] hLast = new float[neurons];
        assertNull(nativeKernels.forwardListingSpikes(spec, FloatBuffer.wrap(x), 0, null, steps, neurons, spikes, u,
                hLast, neurons, count - 1, true), "one spike over the cap");
        assertArrayEquals(plain.spikes(), spikes.array(), "spikes written without lists");
        assertArrayEquals(plain.u(), u, "u written without lists");
        SparseRows atCap = nativeKernels.forwardListingSpikes(spec, FloatBuffer.wrap(x), 0, null, steps, neurons,
                FloatBuffer.allocate(steps * neurons), new float[steps * neurons], new float[neurons], neurons, count,
                true);
        assertEquals(count, atCap.nonZeros(), "exactly at the cap");
    }

    @Test
    void withoutWriteSpikesTheSpikeArrayIsWrittenOnlyWhenNoListsAreMade() {
        SomaSpec spec = spec(NeuronKind.LIF, true, new Random(12));
        int steps = 5;
        int neurons = 3 * 2048 + 100;
        int total = steps * neurons;
        float[] x = Fixtures.input(new Random(13), total);
        SomaKernels.SomaForward plain = nativeKernels.forward(spec, x, null, steps, neurons);
        int count = SparseRows.compressInJava(FloatBuffer.wrap(plain.spikes()), 0, steps, neurons).nonZeros();
        FloatBuffer direct = ByteBuffer.allocateDirect(4 * total).order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (FloatBuffer spikes : new FloatBuffer[] {direct, FloatBuffer.allocate(total)}) {
            for (int i = 0; i < total; i++) {
                spikes.put(i, 7f);
            }
            float[] u = new float[total];
            SparseRows lists = nativeKernels.forwardListingSpikes(spec, FloatBuffer.wrap(x), 0, null, steps,
                    neurons, spikes, u, new float[neurons], neurons, total, false);
            assertEquals(count, lists.nonZeros(), "listed");
            assertArrayEquals(plain.u(), u, "u");
            for (int i = 0; i < total; i++) {
                assertEquals(7f, spikes.get(i), 0f, "spike array untouched at " + i);
            }
            // over the cap: the lists are not made and the spikes are written, from the potentials
            assertNull(nativeKernels.forwardListingSpikes(spec, FloatBuffer.wrap(x), 0, null, steps, neurons, spikes,
                    u, new float[neurons], neurons, count - 1, false), "over the cap");
            float[] written = new float[total];
            spikes.get(0, written, 0, total);
            assertArrayEquals(plain.spikes(), written, "spikes written when no lists are made");
        }
    }

    @Test
    void badColumnCountsAreRefused() {
        SomaSpec spec = spec(NeuronKind.LIF, true, new Random(4));
        for (int cols : new int[] {0, -3, 7}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> nativeKernels.forwardListingSpikes(spec, FloatBuffer.allocate(24), 0, null, 2, 12,
                            FloatBuffer.allocate(24), new float[24], new float[12], cols, 24, true));
            assertTrue(e.getMessage().contains("cols must be >= 1 and divide T*N = 24"), e.getMessage());
        }
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> nativeKernels.forwardListingSpikes(spec, FloatBuffer.wrap(new float[] {0f, Float.NaN}), 0, null,
                        1, 2, FloatBuffer.allocate(2), new float[2], new float[2], 2, 2, true));
        assertTrue(nan.getMessage().contains("NaN or an infinity"), nan.getMessage());
    }

    @Test
    void theJavaKernelsAndCustomSurrogatesListNothingButRunTheForward() {
        SomaSpec custom = new SomaSpec(NeuronKind.LIF, new float[] {2f},
                Surrogate.of("ATan", v -> 1.0 / (1.0 + Math.PI * Math.PI * v * v)), 1f, 0f, true);
        SomaSpec builtIn = spec(NeuronKind.LIF, true, new Random(5));
        float[] x = Fixtures.input(new Random(6), 64);
        for (Object[] c : new Object[][] {{nativeKernels, custom}, {new JavaSomaKernels(), builtIn}}) {
            SomaKernels kernels = (SomaKernels) c[0];
            SomaSpec spec = (SomaSpec) c[1];
            FloatBuffer spikes = FloatBuffer.allocate(64);
            assertNull(kernels.forwardListingSpikes(spec, FloatBuffer.wrap(x), 0, null, 4, 16, spikes, new float[64],
                    new float[16], 16, 64, true));
            assertArrayEquals(new JavaSomaKernels().forward(spec, x, null, 4, 16).spikes(), spikes.array());
        }
    }

    @Test
    void aLifLayerHandsItsSpikeListsToTheNextConvolution() {
        assumeTrue(!"java".equals(Backends.provider().name()), "the pure-Java backend is selected");
        Random init = new Random(7);
        Conv2d conv1 = Conv2d.builder(2, 8, 3).stride(2).padding(1).random(init).build();
        LIF lif = LIF.builder().build();
        Conv2d conv2 = Conv2d.builder(8, 4, 3).stride(2).padding(1).random(init).build();
        INDArray events = Nd4j.rand(DataType.FLOAT, 3, 2, 2, 12, 12).gt(0.7).castTo(DataType.FLOAT);
        Tensor input = Tensor.of(events.mul(4f));
        Tensor hidden = new Sequential(conv1, lif).forward(input);
        SparseRows lists = hidden.sparseRows();
        assertNotNull(lists, "the LIF output carries its spike lists");
        assertTrue(hidden.requiresGrad(), "the lazy output is a node of the graph");
        INDArray spikes = hidden.value().dup('c');
        // the dense spikes made from the lists are those of the same layer on [T, N] (no sample dimensions: no lists)
        Tensor drive = new Sequential(conv1).forward(input);
        Tensor flat = drive.reshape(drive.size(0), -1);
        Tensor plainSpikes = new Sequential(LIF.builder().build()).forward(flat);
        assertNull(plainSpikes.sparseRows(), "no lists without sample dimensions");
        assertArrayEquals(plainSpikes.value().dup('c').data().asFloat(), spikes.data().asFloat(),
                "dense spikes from the lists");
        SparseRows expected = SparseRows.compressInJava(FloatBuffer.wrap(spikes.data().asFloat()), 0, 6, 8 * 36);
        assertArrayEquals(expected.rowStart(), lists.rowStart(), "rowStart");
        assertArrayEquals(expected.columns(), lists.columns(), "columns");
        assertTrue(lists.nonZeros() > 0, "some spikes");
        // the next convolution gives the results of the same spikes without lists
        Sequential next = new Sequential(conv2);
        Tensor withLists = next.forward(hidden);
        Tensor plain = next.forward(Tensor.of(spikes).markSpikeValued());
        assertArrayEquals(plain.value().dup('c').data().asFloat(), withLists.value().dup('c').data().asFloat(),
                "output from the lists");
    }
}
