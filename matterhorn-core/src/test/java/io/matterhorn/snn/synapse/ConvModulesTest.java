package io.matterhorn.snn.synapse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.StepMode;
import io.matterhorn.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Convolution synapses: shapes, time folding, PyTorch's initialisation, printing and input errors. */
class ConvModulesTest {

    private static Tensor spikes(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Tensor.of(Nd4j.rand(DataType.FLOAT, shape).gt(0.7).castTo(DataType.FLOAT)).markSpikeValued();
    }

    @Test
    void multiStepShapesOfEveryConvolution() {
        Conv1d c1 = Conv1d.builder(2, 4, 3).padding(1).multiStep(true).build();
        assertArrayEquals(new long[] {3, 2, 4, 10}, c1.forward(spikes(1, 3, 2, 2, 10)).shape());
        Conv2d c2 = new Conv2d(2, 64, 3, 2, 1);
        c2.setStepMode(StepMode.MULTI);
        assertArrayEquals(new long[] {4, 2, 64, 17, 17}, c2.forward(spikes(2, 4, 2, 2, 34, 34)).shape());
        Conv3d c3 = Conv3d.builder(2, 3, 2, 3, 3).stride(1, 2, 2).multiStep(true).build();
        assertArrayEquals(new long[] {2, 1, 3, 3, 2, 2}, c3.forward(spikes(3, 2, 1, 2, 4, 5, 5)).shape());
        ConvTranspose1d t1 = ConvTranspose1d.builder(2, 3, 3).stride(2).padding(1).outputPadding(1).multiStep(true)
                .build();
        assertArrayEquals(new long[] {3, 2, 3, 10}, t1.forward(spikes(4, 3, 2, 2, 5)).shape());
        ConvTranspose2d t2 = new ConvTranspose2d(4, 2, 3, 2, 1, 1, 2, true, 1);
        t2.setStepMode(StepMode.MULTI);
        assertArrayEquals(new long[] {2, 1, 2, 10, 10}, t2.forward(spikes(5, 2, 1, 4, 5, 5)).shape());
        ConvTranspose3d t3 = ConvTranspose3d.builder(1, 2, 2).stride(2).multiStep(true).build();
        assertArrayEquals(new long[] {2, 1, 2, 4, 6, 2}, t3.forward(spikes(6, 2, 1, 1, 2, 3, 1)).shape());
        // single-step mode takes [B, C, ...]
        assertArrayEquals(new long[] {5, 4, 10}, Conv1d.builder(2, 4, 3).padding("same").build()
                .forward(spikes(7, 5, 2, 10)).shape());
    }

    @Test
    void multiStepEqualsSingleStepOnEachTimeStep() {
        Conv2d conv = Conv2d.builder(2, 3, 3).padding(1).random(new Random(4)).build();
        Tensor x = spikes(8, 3, 2, 2, 5, 5);
        Tensor single = conv.forward(x.reshape(6, 2, 5, 5));
        conv.setStepMode(StepMode.MULTI);
        Tensor multi = conv.forward(x);
        assertArrayEquals(single.toFloatArray(), multi.toFloatArray(), 0f);
    }

    @Test
    void initialisationFollowsPyTorchFanIn() {
        Conv2d conv = Conv2d.builder(4, 8, 3, 2).groups(2).random(new Random(1)).build();
        assertArrayEquals(new long[] {8, 2, 3, 2}, conv.weight().shape());
        assertBounded(conv.weight().value(), 1 / Math.sqrt(2 * 3 * 2));
        assertBounded(conv.bias().value(), 1 / Math.sqrt(2 * 3 * 2));
        // transposed: weight [C_in, C_out/groups, k], fan-in from dimension 1
        ConvTranspose1d t = ConvTranspose1d.builder(6, 4, 5).groups(2).random(new Random(2)).build();
        assertArrayEquals(new long[] {6, 2, 5}, t.weight().shape());
        assertBounded(t.weight().value(), 1 / Math.sqrt(2 * 5));
        assertArrayEquals(new long[] {4}, t.bias().shape());
        assertNull(Conv1d.builder(1, 1, 1).bias(false).build().bias());
        // parameters by PyTorch's names, both trainable
        assertEquals(List.of("weight", "bias"), List.copyOf(conv.namedParameters().keySet()));
        assertEquals(2, conv.trainableParameters().size());
        // same seed, same weights
        Conv2d again = Conv2d.builder(4, 8, 3, 2).groups(2).random(new Random(1)).build();
        assertArrayEquals(conv.weight().toFloatArray(), again.weight().toFloatArray(), 0f);
    }

    private static void assertBounded(INDArray a, double bound) {
        float[] v = a.dup('c').data().asFloat();
        double max = 0;
        for (float f : v) {
            assertTrue(Math.abs(f) < bound, f + " outside +-" + bound);
            max = Math.max(max, Math.abs(f));
        }
        assertTrue(v.length < 8 || max > bound / 4, "values do not spread over the range");
    }

    @Test
    void loadsGivenWeightsAndComputesWithThem() {
        Conv1d conv = Conv1d.builder(1, 1, 2).build();
        conv.load(Nd4j.create(new float[] {1, -1}, new long[] {1, 1, 2}, 'c'), Nd4j.create(new float[] {0.5f},
                new long[] {1}, 'c'));
        Tensor y = conv.forward(Tensor.of(Nd4j.create(new float[] {1, 3, 2}, new long[] {1, 1, 3}, 'c')));
        assertArrayEquals(new float[] {-1.5f, 1.5f}, y.toFloatArray(), 0f);
        assertThrows(IllegalArgumentException.class, () -> conv.load(Nd4j.zeros(DataType.FLOAT, 1, 1, 3), null));
    }

    @Test
    void gradientsReachWeightBiasAndInput() {
        Conv2d conv = Conv2d.builder(2, 3, 3).stride(2).padding(1).multiStep(true).build();
        Tensor x = Tensor.variable(Nd4j.rand(DataType.FLOAT, 2, 2, 2, 6, 6));
        conv.forward(x).sum().backward();
        assertNotNull(x.grad());
        assertArrayEquals(conv.weight().shape(), conv.weight().grad().shape());
        // d(sum y)/d bias = number of outputs per channel: T * B * 3 * 3
        assertArrayEquals(new float[] {36, 36, 36}, conv.bias().grad().dup('c').data().asFloat(), 0f);
    }

    @Test
    void printsLikePyTorch() {
        assertEquals("Conv2d(2, 64, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1))",
                new Conv2d(2, 64, 3, 2, 1).toString());
        assertEquals("Conv1d(4, 4, kernel_size=(3,), padding=same, dilation=(2,), groups=2, bias=False)",
                Conv1d.builder(4, 4, 3).padding("same").dilation(2).groups(2).bias(false).build().toString());
        assertEquals("ConvTranspose2d(4, 2, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), "
                + "output_padding=(1, 1))", new ConvTranspose2d(4, 2, 3, 2, 1, 1, 1, true, 1).toString());
    }

    @Test
    void wrongInputShapesNameTheModuleAndTheExpectedShape() {
        Conv2d conv = new Conv2d(2, 64, 3);
        conv.setStepMode(StepMode.MULTI);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> conv.forward(spikes(1, 4, 2, 34, 34)));
        assertEquals("Conv2d(2, 64, k=3): expected input [T, B, 2, H, W], got [4, 2, 34, 34]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> conv.forward(spikes(1, 4, 2, 3, 34, 34)));
        assertEquals("Conv2d(2, 64, k=3): expected input [T, B, 2, H, W], got [4, 2, 3, 34, 34]", e.getMessage());
        Conv3d single = Conv3d.builder(1, 2, 1, 2, 3).build();
        e = assertThrows(IllegalArgumentException.class, () -> single.forward(spikes(1, 2, 1, 4, 4)));
        assertEquals("Conv3d(1, 2, k=(1, 2, 3)): expected input [B, 1, D, H, W], got [2, 1, 4, 4]", e.getMessage());
        // too small for the kernel: the functional error, prefixed with the module
        e = assertThrows(IllegalArgumentException.class, () -> conv.forward(spikes(1, 1, 1, 2, 2, 2)));
        assertTrue(e.getMessage().startsWith("Conv2d(2, 64, k=3): conv2d: padded input size"), e.getMessage());
        INDArray nan = Nd4j.zeros(DataType.FLOAT, 1, 1, 2, 5, 5);
        nan.putScalar(new long[] {0, 0, 1, 2, 2}, Float.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.of(nan)));
        assertTrue(e.getMessage().startsWith("Conv2d(2, 64, k=3): input holds the non-finite value NaN at flat index "
                + "37"),
                e.getMessage());
        ConvTranspose2d t = new ConvTranspose2d(2, 1, 2);
        e = assertThrows(IllegalArgumentException.class, () -> t.forward(Tensor.of(nan.reshape(1, 2, 5, 5))));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void rejectsBadConstructorArguments() {
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 4, 3, 1, 1, 1, 2, true));
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(0, 4, 3));
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(2, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(2, 4, 3, 2, "same"));
        assertThrows(IllegalArgumentException.class, () -> Conv2d.builder(2, 4, 3, 3, 3).build());
        assertThrows(IllegalArgumentException.class, () -> ConvTranspose2d.builder(2, 4, 3).padding("same").build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Conv2d.builder(2, 4, 3).stride(1, 2, 3).build());
        assertTrue(e.getMessage().startsWith("Conv2d: "), e.getMessage());
    }
}
