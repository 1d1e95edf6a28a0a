package io.matterhorn.tensor;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * float64 central-difference checks of the hand-written backward passes of {@link Convolution}: gradients with
 * respect to input, weight and bias for 1-d, 2-d and 3-d convolutions and transposed convolutions with stride,
 * padding (including "same"), dilation and groups.
 */
class ConvolutionGradientTest {

    private static void checkConv(String name, long[] xShape, long[] wShape, boolean bias, ConvSpec spec, long seed) {
        INDArray x = ConvReference.random(seed, xShape);
        INDArray w = ConvReference.random(seed + 1, wShape);
        if (bias) {
            INDArray b = ConvReference.random(seed + 2, wShape[0]);
            GradientCheck.checkOp(name, v -> Convolution.conv(v.get(0), v.get(1), v.get(2), spec), x, w, b);
        } else {
            GradientCheck.checkOp(name, v -> Convolution.conv(v.get(0), v.get(1), null, spec), x, w);
        }
    }

    private static void checkTransposed(String name, long[] xShape, long[] wShape, int groups, boolean bias,
            ConvSpec spec, long seed) {
        INDArray x = ConvReference.random(seed, xShape);
        INDArray w = ConvReference.random(seed + 1, wShape);
        if (bias) {
            INDArray b = ConvReference.random(seed + 2, wShape[1] * groups);
            GradientCheck.checkOp(name, v -> Convolution.convTranspose(v.get(0), v.get(1), v.get(2), spec), x, w, b);
        } else {
            GradientCheck.checkOp(name, v -> Convolution.convTranspose(v.get(0), v.get(1), null, spec), x, w);
        }
    }

    @Test
    void conv1d() {
        checkConv("conv1d plain", new long[] {2, 3, 7}, new long[] {4, 3, 3}, true, ConvSpec.of(1), 1);
        checkConv("conv1d stride/pad/dilation", new long[] {2, 2, 9}, new long[] {3, 2, 3}, true,
                ConvSpec.of(1).stride(2).padding(2).dilation(2), 2);
        checkConv("conv1d groups", new long[] {2, 4, 6}, new long[] {6, 2, 2}, false,
                ConvSpec.of(1).groups(2).padding(1), 3);
        checkConv("conv1d same, even kernel", new long[] {1, 2, 5}, new long[] {2, 2, 4}, true,
                ConvSpec.of(1).padding("same"), 4);
    }

    @Test
    void conv2d() {
        checkConv("conv2d plain", new long[] {2, 2, 5, 4}, new long[] {3, 2, 3, 2}, true, ConvSpec.of(2), 10);
        checkConv("conv2d stride 2 pad 1", new long[] {2, 2, 6, 6}, new long[] {3, 2, 3, 3}, true,
                ConvSpec.of(2).stride(2).padding(1), 11);
        checkConv("conv2d dilation, asymmetric stride", new long[] {1, 2, 7, 6}, new long[] {2, 2, 2, 3}, false,
                ConvSpec.of(2).stride(1, 2).padding(1, 0).dilation(2, 1), 12);
        checkConv("conv2d groups 3", new long[] {2, 3, 4, 4}, new long[] {6, 1, 2, 2}, true,
                ConvSpec.of(2).groups(3).stride(2).padding(1), 13);
        checkConv("conv2d same", new long[] {1, 2, 4, 5}, new long[] {2, 2, 2, 3}, true,
                ConvSpec.of(2).padding("same").dilation(1, 2), 14);
    }

    @Test
    void conv3d() {
        checkConv("conv3d plain", new long[] {1, 2, 3, 4, 3}, new long[] {2, 2, 2, 2, 2}, true, ConvSpec.of(3), 20);
        checkConv("conv3d stride/pad/groups", new long[] {2, 2, 4, 3, 4}, new long[] {2, 1, 2, 2, 3}, true,
                ConvSpec.of(3).stride(2, 1, 2).padding(1, 0, 1).groups(2), 21);
        checkConv("conv3d dilation", new long[] {1, 1, 5, 4, 4}, new long[] {2, 1, 2, 2, 2}, false,
                ConvSpec.of(3).dilation(2, 1, 2).padding(0, 1, 1), 22);
    }

    @Test
    void convTranspose1d() {
        checkTransposed("convT1d plain", new long[] {2, 2, 4}, new long[] {2, 3, 3}, 1, true, ConvSpec.of(1), 30);
        checkTransposed("convT1d stride/pad/output padding", new long[] {2, 2, 4}, new long[] {2, 2, 3}, 1, true,
                ConvSpec.of(1).stride(2).padding(1).outputPadding(1), 31);
        checkTransposed("convT1d groups/dilation", new long[] {1, 4, 5}, new long[] {4, 1, 2}, 2, false,
                ConvSpec.of(1).groups(2).dilation(2), 32);
    }

    @Test
    void convTranspose2d() {
        checkTransposed("convT2d plain", new long[] {1, 2, 3, 3}, new long[] {2, 2, 2, 2}, 1, true, ConvSpec.of(2),
                40);
        checkTransposed("convT2d stride 2, pad, output padding", new long[] {2, 2, 3, 3}, new long[] {2, 2, 3, 3},
                1, true, ConvSpec.of(2).stride(2).padding(1).outputPadding(1), 41);
        checkTransposed("convT2d groups, dilation, asymmetric", new long[] {1, 4, 3, 2}, new long[] {4, 1, 2, 3}, 2,
                true, ConvSpec.of(2).groups(2).dilation(2, 1).stride(1, 2), 42);
    }

    @Test
    void convTranspose3d() {
        checkTransposed("convT3d plain", new long[] {1, 2, 2, 3, 2}, new long[] {2, 2, 2, 2, 2}, 1, true,
                ConvSpec.of(3), 50);
        checkTransposed("convT3d stride/pad/output padding/groups", new long[] {1, 2, 2, 2, 3},
                new long[] {2, 1, 3, 2, 2}, 2, true, ConvSpec.of(3).stride(2).padding(1, 0, 1).outputPadding(1, 0, 1)
                        .groups(2), 51);
    }
}
