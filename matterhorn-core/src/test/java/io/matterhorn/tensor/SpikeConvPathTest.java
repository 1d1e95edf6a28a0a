package io.matterhorn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.numeric.ConvGeometry;
import io.matterhorn.numeric.SparseRows;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The event-driven convolution (binary float32 inputs) against the float64 direct-loop definition and against
 * the im2col + GEMM path: forward output and weight gradient, for 1-, 2- and 3-d windows with stride, padding and
 * dilation, and the per-call choice between the two paths (with the lists of ones it hands to the event path).
 */
class SpikeConvPathTest {

    /** Binary input of the given density, float32. */
    private static INDArray spikes(long seed, double density, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[(int) n];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble() < density ? 1f : 0f;
        }
        return Nd4j.create(v, shape, 'c');
    }

    /** The ones of a contiguous input [N, C, *in] as [N, C*inPlane]. */
    private static SparseRows ones(INDArray x) {
        int n = (int) x.size(0);
        return SparseRows.compress(Layout.floats(x), Layout.offset(x), n, (int) (x.length() / n));
    }

    /** Whether {@link ConvPaths#eventInput} chooses the event path; if so, its lists must be those of x. */
    private static boolean events(INDArray x, INDArray w, int groups, boolean spikeValued) {
        SparseRows rows = ConvPaths.eventInput(x, w, groups, spikeValued, null);
        if (rows != null) {
            SparseRows expected = ones(x);
            assertArrayEquals(expected.rowStart(), rows.rowStart(), "rowStart");
            assertArrayEquals(expected.columns(), rows.columns(), "columns");
            assertEquals(null, rows.values(), "values");
        }
        return rows != null;
    }

    /**
     * dW[co, c, k] = sum over n, o of dy[n, co, o] x[n, c, o*s - pb + k*d], float64 straight from the definition
     * (3 padded axes).
     */
    private static double[] weightGradReference(INDArray x, INDArray dy, int[] kernel, int[] stride, int[] pad,
            int[] dil) {
        int dims = x.rank() - 2;
        int n = (int) x.size(0);
        int cin = (int) x.size(1);
        int cout = (int) dy.size(1);
        int[] in = {1, 1, 1};
        int[] out = {1, 1, 1};
        int[] k = {1, 1, 1};
        int[] s = {1, 1, 1};
        int[] p = {0, 0, 0};
        int[] d = {1, 1, 1};
        for (int a = 0; a < dims; a++) {
            in[3 - dims + a] = (int) x.size(2 + a);
            out[3 - dims + a] = (int) dy.size(2 + a);
            k[3 - dims + a] = kernel[a];
            s[3 - dims + a] = stride[a];
            p[3 - dims + a] = pad[a];
            d[3 - dims + a] = dil[a];
        }
        double[] xv = x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] gv = dy.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int kSize = k[0] * k[1] * k[2];
        double[] dw = new double[cout * cin * kSize];
        for (int co = 0; co < cout; co++) {
            for (int c = 0; c < cin; c++) {
                for (int k0 = 0; k0 < k[0]; k0++) {
                    for (int k1 = 0; k1 < k[1]; k1++) {
                        for (int k2 = 0; k2 < k[2]; k2++) {
                            double sum = 0;
                            for (int nn = 0; nn < n; nn++) {
                                for (int o0 = 0; o0 < out[0]; o0++) {
                                    int i0 = o0 * s[0] - p[0] + k0 * d[0];
                                    for (int o1 = 0; o1 < out[1]; o1++) {
                                        int i1 = o1 * s[1] - p[1] + k1 * d[1];
                                        for (int o2 = 0; o2 < out[2]; o2++) {
                                            int i2 = o2 * s[2] - p[2] + k2 * d[2];
                                            if (i0 < 0 || i0 >= in[0] || i1 < 0 || i1 >= in[1] || i2 < 0
                                                    || i2 >= in[2]) {
                                                continue;
                                            }
                                            double xe = xv[(((nn * cin + c) * in[0] + i0) * in[1] + i1) * in[2]
                                                    + i2];
                                            double ge = gv[(((nn * cout + co) * out[0] + o0) * out[1] + o1)
                                                    * out[2] + o2];
                                            sum += xe * ge;
                                        }
                                    }
                                }
                            }
                            dw[((co * cin + c) * k[0] + k0) * k[1] * k[2] + k1 * k[2] + k2] = sum;
                        }
                    }
                }
            }
        }
        return dw;
    }

    private static double[] doubles(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private static void check(long seed, long[] xShape, int cout, int[] kernel, int[] stride, int[] pad, int[] dil,
            double density) {
        int dims = xShape.length - 2;
        INDArray x = spikes(seed, density, xShape);
        long[] wShape = new long[dims + 2];
        wShape[0] = cout;
        wShape[1] = xShape[1];
        for (int a = 0; a < dims; a++) {
            wShape[2 + a] = kernel[a];
        }
        INDArray w = ConvReference.random(seed + 1, wShape).castTo(DataType.FLOAT);
        INDArray b = ConvReference.random(seed + 2, cout).castTo(DataType.FLOAT);
        INDArray expected = ConvReference.conv(x, w, b, stride, pad, pad, dil, 1);
        int[] in = new int[dims];
        int[] out = new int[dims];
        for (int a = 0; a < dims; a++) {
            in[a] = (int) xShape[2 + a];
            out[a] = (int) expected.size(2 + a);
        }
        ConvGeometry g = new ConvGeometry(in, out, kernel, stride, pad, pad, dil);
        String label = java.util.Arrays.toString(xShape) + " k" + java.util.Arrays.toString(kernel) + " s"
                + java.util.Arrays.toString(stride) + " p" + java.util.Arrays.toString(pad) + " d"
                + java.util.Arrays.toString(dil) + " density " + density;

        INDArray events = SparseConvEngine.convolveEvents(ones(x), w, b, g, expected.shape());
        INDArray dense = DenseConvEngine.convolve(x, w, b, g, 1, expected.shape(), "test");
        assertArrayEquals(doubles(expected), doubles(events), 1e-5, label + ": events vs definition");
        assertArrayEquals(doubles(dense), doubles(events), 1e-5, label + ": events vs im2col + GEMM");

        INDArray dy = ConvReference.random(seed + 3, expected.shape()).castTo(DataType.FLOAT);
        double[] dwExpected = weightGradReference(x, dy, kernel, stride, pad, dil);
        INDArray dwEvents = SparseConvEngine.weightGradientEvents(ones(x), dy, g, wShape);
        INDArray dwDense = DenseConvEngine.weightGradient(x, dy, g, 1, wShape);
        assertArrayEquals(wShape, dwEvents.shape(), label);
        assertArrayEquals(dwExpected, doubles(dwEvents), 1e-4, label + ": dW events vs definition");
        assertArrayEquals(doubles(dwDense), doubles(dwEvents), 1e-4, label + ": dW events vs im2col + GEMM");
        if (density > 0) {
            assertTrue(Nd4j.create(dwExpected).norm2Number().doubleValue() > 0.01, label + ": non-trivial dW");
        }
    }

    @Test
    void twoDimensionalStridedAsExampleFour() {
        check(1, new long[] {3, 2, 12, 12}, 5, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1},
                new int[] {1, 1}, 0.2);
    }

    @Test
    void twoDimensionalDilatedRectangular() {
        check(2, new long[] {2, 3, 9, 11}, 4, new int[] {2, 3}, new int[] {1, 2}, new int[] {2, 0},
                new int[] {2, 1}, 0.3);
    }

    @Test
    void oneAndThreeDimensional() {
        check(3, new long[] {4, 3, 17}, 6, new int[] {5}, new int[] {2}, new int[] {2}, new int[] {1}, 0.25);
        check(4, new long[] {2, 2, 5, 6, 7}, 3, new int[] {3, 2, 3}, new int[] {1, 2, 1}, new int[] {1, 0, 1},
                new int[] {1, 1, 2}, 0.15);
    }

    @Test
    void emptyAndFullInputs() {
        check(5, new long[] {2, 2, 7, 7}, 3, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1},
                new int[] {1, 1}, 0.0);
        check(6, new long[] {2, 2, 7, 7}, 3, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1},
                new int[] {1, 1}, 1.0);
    }

    @Test
    void largeBatchRunsInSeveralChunks() {
        // 64 channels, 3x3 kernel, 17x17 -> 9x9 over 130 samples: the dense path runs in 2 chunks, the event path
        // splits the samples over the worker tasks
        check(7, new long[] {130, 64, 17, 17}, 8, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1},
                new int[] {1, 1}, 0.05);
    }

    @Test
    void choiceFollowsTypeValuesAndDensity() {
        INDArray w = ConvReference.random(9, 4, 2, 3, 3).castTo(DataType.FLOAT);
        assertTrue(events(spikes(10, 0.1, 2, 2, 8, 8), w, 1, false), "sparse spikes");
        assertFalse(events(spikes(11, 0.9, 2, 2, 8, 8), w, 1, false), "dense spikes");
        INDArray analog = spikes(12, 0.1, 2, 2, 8, 8);
        analog.putScalar(new long[] {1, 1, 3, 3}, 0.5f);
        assertFalse(events(analog, w, 1, false), "a value other than 0 and 1");
        INDArray nan = spikes(13, 0.1, 2, 2, 8, 8);
        nan.putScalar(new long[] {0, 0, 0, 0}, Float.NaN);
        assertFalse(events(nan, w, 1, false), "NaN");
        assertFalse(events(spikes(14, 0.1, 2, 2, 8, 8).castTo(DataType.DOUBLE),
                w.castTo(DataType.DOUBLE), 1, false), "float64");
        assertFalse(events(spikes(15, 0.1, 2, 2, 8, 8), ConvReference.random(16, 4, 1, 3, 3)
                .castTo(DataType.FLOAT), 2, false), "groups");
        // a tensor marked as spikes is counted by its sum
        assertTrue(events(spikes(17, 0.1, 2, 2, 8, 8), w, 1, true), "marked sparse spikes");
        assertFalse(events(spikes(18, 0.9, 2, 2, 8, 8), w, 1, true), "marked dense spikes");
        // a tensor marked as spikes that holds another value after all runs dense
        INDArray marked = spikes(19, 0.1, 2, 2, 8, 8);
        marked.putScalar(new long[] {1, 0, 2, 2}, 2f);
        assertFalse(events(marked, w, 1, true), "marked, with a 2");
        assertTrue(events(spikes(19, 0.0, 2, 2, 8, 8), w, 1, true), "marked, all zero");
    }

    @Test
    void listsAttachedByTheProducerAreUsedWithoutAScan() {
        INDArray w = ConvReference.random(9, 4, 2, 3, 3).castTo(DataType.FLOAT);
        INDArray x = spikes(30, 0.1, 2, 2, 8, 8);
        SparseRows own = ones(x);
        assertSame(own, ConvPaths.eventInput(x, w, 1, true, own), "the attached lists themselves");
        // lists that do not describe x as [N, C*inPlane] are not used: x is scanned as without them
        SparseRows otherShape = SparseRows.compress(Layout.floats(x), 0, 4, 64);
        SparseRows scanned = ConvPaths.eventInput(x, w, 1, true, otherShape);
        assertArrayEquals(own.columns(), scanned.columns(), "columns of the scan");
        assertArrayEquals(own.rowStart(), scanned.rowStart(), "rowStart of the scan");
        // lists denser than the event-driven limit send the convolution down the dense path
        INDArray dense = spikes(31, 0.9, 2, 2, 8, 8);
        assertNull(ConvPaths.eventInput(dense, w, 1, true, ones(dense)), "dense attached lists");
        // the lists of an input not marked as spikes are not trusted
        SparseRows analog = ConvPaths.eventInput(x, w, 1, false, otherShape);
        assertArrayEquals(own.columns(), analog.columns(), "unmarked input is scanned");
    }

    @Test
    void aConvolutionOnAttachedListsGivesTheResultsOfTheDenseInput() {
        INDArray x = spikes(32, 0.15, 4, 3, 10, 10);
        INDArray w = ConvReference.random(33, 5, 3, 3, 3).castTo(DataType.FLOAT);
        INDArray b = ConvReference.random(34, 5).castTo(DataType.FLOAT);
        ConvSpec spec = ConvSpec.of(2).stride(2).padding(1);
        INDArray[] scanned = convAndGrads(x, w, b, spec, null);
        INDArray[] listed = convAndGrads(x, w, b, spec, ones(x));
        for (int i = 0; i < scanned.length; i++) {
            assertArrayEquals(doubles(scanned[i]), doubles(listed[i]), 0.0, "result " + i);
        }
        // the lists are trusted, not checked against the value: lists of another input give that input's output
        INDArray other = spikes(35, 0.15, 4, 3, 10, 10);
        INDArray[] fromOther = convAndGrads(x, w, b, spec, ones(other));
        assertArrayEquals(doubles(convAndGrads(other, w, b, spec, null)[0]), doubles(fromOther[0]), 0.0,
                "output of the attached lists");
    }

    @Test
    void convolutionGradientsAgreeAcrossPaths() {
        // Convolution.conv picks the event-driven path for sparse spikes; an input with one 0.5 forces im2col.
        INDArray x = spikes(20, 0.15, 4, 3, 10, 10);
        INDArray w = ConvReference.random(21, 5, 3, 3, 3).castTo(DataType.FLOAT);
        INDArray b = ConvReference.random(22, 5).castTo(DataType.FLOAT);
        ConvSpec spec = ConvSpec.of(2).stride(2).padding(1);
        INDArray[] events = convAndGrads(x, w, b, spec);
        INDArray perturbed = x.dup();
        int[] pos = firstZero(perturbed);
        perturbed.putScalar(new long[] {pos[0], pos[1], pos[2], pos[3]}, 0.5f);
        INDArray[] dense = convAndGrads(perturbed, w, b, spec);
        // the 0.5 changes the output and dW; db and dx do not depend on the input values
        assertArrayEquals(doubles(dense[2]), doubles(events[2]), 1e-5, "db");
        assertArrayEquals(doubles(dense[3]), doubles(events[3]), 1e-5, "dx");
        INDArray expected = ConvReference.conv(x, w, b, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1},
                new int[] {1, 1}, 1);
        assertArrayEquals(doubles(expected), doubles(events[0]), 1e-5, "output");
        double[] dw = weightGradReference(x, events[4], new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1},
                new int[] {1, 1});
        assertArrayEquals(dw, doubles(events[1]), 1e-4, "dW");
        assertEquals(DataType.FLOAT, events[1].dataType());
    }

    private static int[] firstZero(INDArray x) {
        for (int n = 0; n < x.size(0); n++) {
            for (int c = 0; c < x.size(1); c++) {
                for (int i = 0; i < x.size(2); i++) {
                    for (int j = 0; j < x.size(3); j++) {
                        if (x.getFloat(n, c, i, j) == 0f) {
                            return new int[] {n, c, i, j};
                        }
                    }
                }
            }
        }
        throw new AssertionError("no zero");
    }

    /** @return output, dW, db, dx and the (random, fixed) upstream gradient */
    private static INDArray[] convAndGrads(INDArray x, INDArray w, INDArray b, ConvSpec spec) {
        return convAndGrads(x, w, b, spec, null);
    }

    /** With lists: x is marked as spikes and the lists attached, as a soma's output. */
    private static INDArray[] convAndGrads(INDArray x, INDArray w, INDArray b, ConvSpec spec, SparseRows lists) {
        Tensor xt = Tensor.variable(x.dup());
        if (lists != null) {
            xt.markSpikeValued().attachSparseRows(lists);
        }
        Tensor wt = Tensor.parameter(w.dup(), true);
        Tensor bt = Tensor.parameter(b.dup(), true);
        Tensor y = Convolution.conv(xt, wt, bt, spec);
        INDArray g = ConvReference.random(23, y.shape()).castTo(DataType.FLOAT);
        y.backward(g);
        return new INDArray[] {y.value(), wt.grad(), bt.grad(), xt.grad(), g};
    }
}
