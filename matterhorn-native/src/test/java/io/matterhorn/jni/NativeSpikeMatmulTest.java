package io.matterhorn.jni;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.kernel.Backends;
import io.matterhorn.numeric.SparseRows;
import io.matterhorn.numeric.SpikeMatmul;
import io.matterhorn.tensor.Functional;
import io.matterhorn.tensor.Layout;
import io.matterhorn.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CPU library's event-driven product of spike inputs ({@link BridgeSpikeMatmul}) against the Java loops it
 * mirrors ({@link SpikeMatmul#forwardInJava}, {@link SpikeMatmul#weightGradInJava}): the same float additions in
 * the same order, so the results must be bit-identical, for every compiled instruction set, every way a row of
 * {@code out} floats is cut into vectors (1 to 130 outputs), short and long rows, empty columns and several
 * gradient blocks.
 */
class NativeSpikeMatmulTest {
    private static final int[] OUTS = {1, 10, 16, 37, 80, 130};
    private final BridgeSpikeMatmul kernels = new BridgeSpikeMatmul();

    @BeforeEach
    void requireNative() {
        NativeTestSupport.requireNative();
    }

    private static FloatBuffer direct(int n) {
        return ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /**
     * Random spike rows: a share {@code shortShare} of the rows get 0 to 7 entries, the others each column with
     * probability {@code density}. Columns that are multiples of 7 (but not the last) stay empty. With
     * {@code scrambled} the entries of a row come in random order and some are repeated (the products add a
     * repeated entry twice).
     */
    static SparseRows spikes(Random rng, int rows, int in, double density, double shortShare, boolean scrambled) {
        int[] rowStart = new int[rows + 1];
        int[] columns = new int[16];
        int n = 0;
        int[] row = new int[2 * in + 8];
        for (int r = 0; r < rows; r++) {
            int count = 0;
            if (rng.nextDouble() < shortShare) {
                int want = Math.min(rng.nextInt(8), in);
                for (int j = 0; j < want; j++) {
                    row[count++] = rng.nextInt(in);
                }
                Arrays.sort(row, 0, count);
                count = dropRepeats(row, count);
            } else {
                for (int i = 0; i < in; i++) {
                    if (rng.nextDouble() < density) {
                        row[count++] = i;
                    }
                }
            }
            int kept = 0;
            for (int j = 0; j < count; j++) {
                if (row[j] % 7 != 0 || row[j] == in - 1) {
                    row[kept++] = row[j];
                }
            }
            count = kept;
            if (scrambled && count > 0) {
                int repeats = rng.nextInt(3);
                for (int j = 0; j < repeats; j++) {
                    row[count++] = row[rng.nextInt(count)];
                }
                for (int j = count - 1; j > 0; j--) {
                    int o = rng.nextInt(j + 1);
                    int t = row[j];
                    row[j] = row[o];
                    row[o] = t;
                }
            }
            if (n + count > columns.length) {
                columns = Arrays.copyOf(columns, Math.max(2 * columns.length, n + count));
            }
            System.arraycopy(row, 0, columns, n, count);
            n += count;
            rowStart[r + 1] = n;
        }
        return new SparseRows(rows, in, rowStart, Arrays.copyOf(columns, n), null);
    }

    private static int dropRepeats(int[] sorted, int count) {
        int kept = 0;
        for (int j = 0; j < count; j++) {
            if (kept == 0 || sorted[kept - 1] != sorted[j]) {
                sorted[kept++] = sorted[j];
            }
        }
        return kept;
    }

    /** Values of many magnitudes (so that another order of additions rounds differently), with zeros and -0. */
    private static float[] values(Random rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            int kind = rng.nextInt(20);
            v[i] = kind == 0 ? 0f : kind == 1 ? -0f
                    : (float) (rng.nextGaussian() * Math.scalb(1.0, rng.nextInt(16) - 8));
        }
        return v;
    }

    /**
     * Forward and weight gradient of {@code x} with {@code out} outputs, native against Java, bit for bit.
     *
     * @param heap heap buffers (wt and g wrapped arrays, y a heap buffer) instead of direct ones
     * @return the number of gradient blocks
     */
    private int check(SparseRows x, int out, long seed, boolean heap) {
        Random rng = new Random(seed);
        int rows = x.rows();
        int in = x.cols();
        float[] wt = values(rng, in * out);
        float[] g = values(rng, rows * out);
        FloatBuffer expected = direct(rows * out);
        SpikeMatmul.forwardInJava(x, SpikeMatmul.rows(wt, in, out), expected, 0, out);
        FloatBuffer wtBuf = heap ? FloatBuffer.wrap(concat(3, wt)) : direct(3 + wt.length).put(3, wt);
        FloatBuffer actual = heap ? FloatBuffer.allocate(5 + rows * out) : direct(5 + rows * out);
        kernels.forward(x, wtBuf, 3, actual, 5, out);
        float[] e = new float[rows * out];
        float[] a = new float[rows * out];
        expected.get(0, e);
        actual.get(5, a);
        assertArrayEquals(e, a, "forward differs (" + rows + " x " + in + " -> " + out + ")");

        int blocks = SpikeMatmul.gradientBlocks(rows, out, (long) in * out);
        float[] dwJava = SpikeMatmul.weightGradInJava(x, SpikeMatmul.rows(g, rows, out), out);
        FloatBuffer gBuf = heap ? FloatBuffer.wrap(concat(2, g)) : direct(2 + g.length).put(2, g);
        float[] dwNative = kernels.weightGradient(x, gBuf, 2, out, blocks);
        assertArrayEquals(dwJava, dwNative, "weight gradient differs (" + rows + " x " + in + " -> " + out + ", "
                + blocks + " blocks)");
        return blocks;
    }

    private static float[] concat(int zeros, float[] v) {
        float[] r = new float[zeros + v.length];
        System.arraycopy(v, 0, r, zeros, v.length);
        return r;
    }

    @Test
    void everyInstructionSetCopyMatchesJavaForEveryWidth() {
        NativeTestSupport.forEachIsa((isa, index) -> {
            long calls = NativeBridge.callCount(NativeBridge.CPU);
            for (int out : OUTS) {
                check(spikes(new Random(out + 100 * index), 300, 53, 0.3, 0.5, false), out, out, false);
            }
            assertTrue(NativeBridge.callCount(NativeBridge.CPU) >= calls + 2 * OUTS.length,
                    "the library ran (" + isa + ")");
        });
    }

    @Test
    void severalGradientBlocksForEveryWidth() {
        NativeTestSupport.forEachIsa((isa, index) -> {
            for (int out : OUTS) {
                int rowsPerBlock = Math.max(64, (1 << 16) / out);
                SparseRows x = spikes(new Random(7 + out + index), 2 * rowsPerBlock + 17, out == 1 ? 30 : 97, 0.15,
                        0.7, false);
                assertTrue(check(x, out, 8 + out, false) >= 3, "several blocks (out " + out + ")");
            }
        });
    }

    @Test
    void example1Shapes() {
        NativeTestSupport.forEachIsa((isa, index) -> {
            // first layer: 784 -> 80 at MNIST's ~13% Poisson spikes; second: 80 -> 10
            assertEquals(11, check(spikes(new Random(1 + index), 8192, 784, 0.13, 0.0, false), 80, 2, false));
            check(spikes(new Random(3 + index), 8192, 80, 0.2, 0.0, false), 10, 4, false);
        });
    }

    @Test
    void scrambledAndRepeatedEntriesHeapBuffers() {
        NativeTestSupport.forEachIsa((isa, index) -> {
            for (int out : OUTS) {
                check(spikes(new Random(50 + out), 700, 40, 0.4, 0.3, true), out, 51 + out, true);
            }
        });
    }

    @Test
    void emptyShapes() {
        check(spikes(new Random(60), 0, 10, 0.5, 0.0, false), 7, 61, false);
        check(spikes(new Random(62), 40, 10, 0.0, 0.0, false), 19, 63, false);
        check(spikes(new Random(64), 30, 10, 0.5, 0.0, false), 0, 65, false);
        check(new SparseRows(5, 0, new int[6], new int[0], null), 3, 66, false);
    }

    /** Runs {@code call} and checks that it throws IllegalArgumentException mentioning {@code text}. */
    private static void refused(String text, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void malformedSparseRowsAreRefusedByTheLibrary() {
        FloatBuffer wt = direct(4 * 3);
        FloatBuffer y = direct(3 * 3);
        FloatBuffer g = direct(3 * 3);
        int[] cols = {0, 1, 3, 2, 2};
        SparseRows decreasing = new SparseRows(3, 4, new int[] {0, 3, 2, 5}, cols, null);
        SparseRows outside = new SparseRows(3, 4, new int[] {0, 2, 3, 5}, new int[] {0, 1, 4, 2, 2}, null);
        SparseRows negative = new SparseRows(3, 4, new int[] {0, 2, 3, 5}, new int[] {0, 1, 2, -1, 2}, null);
        SparseRows notFromZero = new SparseRows(3, 4, new int[] {1, 2, 3, 5}, cols, null);
        SparseRows beyond = new SparseRows(3, 4, new int[] {0, 2, 3, 6}, cols, null);
        SparseRows shortStart = new SparseRows(3, 4, new int[] {0, 2, 3}, cols, null);
        refused("rowStart must be non-decreasing", () -> kernels.forward(decreasing, wt, 0, y, 0, 3));
        refused("rowStart must be non-decreasing", () -> kernels.weightGradient(decreasing, g, 0, 3, 1));
        refused("columns[2] = 4 outside [0, 4)", () -> kernels.forward(outside, wt, 0, y, 0, 3));
        refused("columns[2] = 4 outside [0, 4)", () -> kernels.weightGradient(outside, g, 0, 3, 2));
        refused("columns[3] = -1", () -> kernels.forward(negative, wt, 0, y, 0, 3));
        refused("columns[3] = -1", () -> kernels.weightGradient(negative, g, 0, 3, 1));
        refused("rowStart[0] must be 0", () -> kernels.forward(notFromZero, wt, 0, y, 0, 3));
        refused("exceeds the 5 columns", () -> kernels.weightGradient(beyond, g, 0, 3, 1));
        refused("rowStart [rows + 1]", () -> kernels.forward(shortStart, wt, 0, y, 0, 3));
        SparseRows good = new SparseRows(3, 4, new int[] {0, 2, 3, 5}, cols, null);
        refused("blocks >= 1", () -> kernels.weightGradient(good, g, 0, 3, 0));
        refused("wt [in, out]", () -> kernels.forward(good, direct(11), 0, y, 0, 3));
        refused("y [rows, out]", () -> NativeBridge.spikeMatmulForward(good.rowStart(), cols, 3, 4, wt, 0, 3,
                direct(8), 0));
        refused("columns must not be null", () -> NativeBridge.spikeMatmulWeightGradient(good.rowStart(), null, 3, 4,
                g, 0, 3, 1, new float[12]));
        refused("dW^T [in, out]", () -> NativeBridge.spikeMatmulWeightGradient(good.rowStart(), cols, 3, 4, g, 0, 3,
                1, new float[11]));
        refused("must be >= 0", () -> NativeBridge.spikeMatmulForward(good.rowStart(), cols, -1, 4, wt, 0, 3, y, 0));
        refused("values other than 1", () -> kernels.forward(new SparseRows(3, 4, good.rowStart(), cols,
                new float[5]), wt, 0, y, 0, 3));
    }

    @Test
    void longListsAreCheckedToTheirLastEntry() {
        // at least 2^18 entries: the column check runs split between the threads
        int rows = 1 << 12;
        int per = 80;
        int in = 100;
        int[] rowStart = new int[rows + 1];
        int[] cols = new int[rows * per];
        for (int r = 0; r < rows; r++) {
            rowStart[r + 1] = (r + 1) * per;
            for (int j = 0; j < per; j++) {
                cols[r * per + j] = j;
            }
        }
        FloatBuffer wt = direct(in * 3);
        FloatBuffer y = direct(rows * 3);
        kernels.forward(new SparseRows(rows, in, rowStart, cols, null), wt, 0, y, 0, 3);
        int last = cols.length - 1;
        int[] high = cols.clone();
        high[last] = in;
        refused("columns[" + last + "] = " + in + " outside [0, " + in + ")",
                () -> kernels.forward(new SparseRows(rows, in, rowStart, high, null), wt, 0, y, 0, 3));
        int[] low = cols.clone();
        low[cols.length / 2] = Integer.MIN_VALUE;
        refused("columns[" + cols.length / 2 + "] = " + Integer.MIN_VALUE,
                () -> kernels.weightGradient(new SparseRows(rows, in, rowStart, low, null), direct(rows * 3), 0, 3,
                        2));
    }

    @Test
    void linearOnSpikesRunsTheNativeCodeWhenSelected() {
        String backend = Backends.provider().name();
        boolean nativeSelected = "native".equals(backend) || "cuda".equals(backend);
        assertEquals(nativeSelected, SpikeMatmul.accelerated(), "selected " + backend);
        Random rng = new Random(70);
        int rows = 96;
        int in = 45;
        int out = 13;
        float[] xv = new float[rows * in];
        for (int i = 0; i < xv.length; i++) {
            xv[i] = rng.nextDouble() < 0.2 ? 1f : 0f;
        }
        float[] wv = values(rng, out * in);
        float[] gv = values(rng, rows * out);
        Tensor x = Tensor.of(Layout.fromFloats(xv, rows, in)).markSpikeValued();
        Tensor w = Tensor.parameter(Layout.fromFloats(wv, out, in), true);
        long calls = NativeBridge.callCount(NativeBridge.CPU);
        Tensor y = Functional.linear(x, w, null);
        y.backward(Layout.fromFloats(gv, rows, out));
        if (nativeSelected) {
            assertTrue(NativeBridge.callCount(NativeBridge.CPU) >= calls + 2, "forward and weight gradient native");
        }
        SparseRows xs = SparseRows.compress(FloatBuffer.wrap(xv), 0, rows, in);
        float[][] wt = new float[in][out];
        for (int i = 0; i < in; i++) {
            for (int q = 0; q < out; q++) {
                wt[i][q] = wv[q * in + i];
            }
        }
        FloatBuffer expected = FloatBuffer.allocate(rows * out);
        SpikeMatmul.forwardInJava(xs, wt, expected, 0, out);
        assertArrayEquals(expected.array(), Layout.toFloatArray(y.value()), "forward");
        float[] dwT = SpikeMatmul.weightGradInJava(xs, SpikeMatmul.rows(gv, rows, out), out);
        INDArray dw = Nd4j.create(DataType.FLOAT, out, in);
        for (int i = 0; i < in; i++) {
            for (int q = 0; q < out; q++) {
                dw.putScalar(q, i, dwT[i * out + q]);
            }
        }
        assertArrayEquals(Layout.toFloatArray(dw), Layout.toFloatArray(w.grad()), "weight gradient");
    }
}
