package io.matterhorn.snn.learning;

import io.matterhorn.kernel.Backends;
import io.matterhorn.kernel.StdpKernels;
import io.matterhorn.tensor.Layout;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Functional STDP: the weight change that matterhorn 1.0.1's {@code stdp} function computes, for whole spike
 * trains. For output neuron {@code i} and input neuron {@code j}, summed over the batch,
 *
 * <pre>
 *   dW[i][j] = sum_b sum_{t_o : O[t_o,b,i] != 0} sum_{t_i : I[t_i,b,j] != 0} W(t_o - t_i)
 * </pre>
 *
 * with the window {@link StdpWindow} ({@code W(0) = 0}, the documented rule; 1.0.1's Python fallback used
 * {@code -A-} there). A spike is any non-zero value; a value above 1 weighs the same as 1.
 *
 * <p>{@link #deltaWeight} computes this with decaying traces as two (event-driven) matrix products,
 * {@code dW = A+ O^T PRE - A- POST^T I} over the {@code T*B} flattened rows: {@code O(T*B*in*out)} at worst
 * instead of the double sum's {@code O(B*in*out*T^2)} (the selected backend's {@link StdpKernels}, the same
 * double-precision algorithm on every backend). {@link #directDoubleSum} is
 * the literal double sum over spike times, kept as the reference for tests and benchmarks.
 *
 * <p>Shapes: input trains are {@code [T, B, in]} (or {@code [T, in]}, one sample), output trains
 * {@code [T, B, out]} (or {@code [T, out]}); the result is {@code [out, in]}, the layout of a linear weight.
 */
public final class Stdp {
    private Stdp() {
    }

    /**
     * STDP weight change in trace form.
     *
     * @param window the window
     * @param input input spikes, [T, B, in] or [T, in]; no NaN
     * @param output output spikes, [T, B, out] or [T, out], same T (and B)
     * @return dW, shape [out, in], float64 if either train is float64, else float32
     */
    public static INDArray deltaWeight(StdpWindow window, INDArray input, INDArray output) {
        Trains tr = Trains.of(input, output);
        double[] dw = deltaWeight(window, tr.input, tr.output, tr.steps, tr.batch, tr.nIn, tr.nOut);
        return tr.result(dw);
    }

    /**
     * STDP weight change in trace form, on flat arrays.
     *
     * @param window the window
     * @param input input spikes, flat row-major [T, B, in]; no NaN
     * @param output output spikes, flat row-major [T, B, out]; no NaN
     * @param steps T, positive
     * @param batch B, positive
     * @param nIn in, positive
     * @param nOut out, positive
     * @return dW, flat row-major [out, in]
     */
    public static double[] deltaWeight(StdpWindow window, float[] input, float[] output, int steps, int batch,
            int nIn, int nOut) {
        return deltaWeight(window, input, output, steps, batch, nIn, nOut, null, null);
    }

    /**
     * STDP weight change in trace form for one chunk of a longer stream. The carried traces hold the spikes of
     * earlier chunks, so the changes of consecutive chunks add up to the change of the whole stream: every pair
     * of spikes is counted once, in the chunk of its later spike.
     *
     * @param window the window
     * @param input input spikes of this chunk, flat row-major [T, B, in]; no NaN
     * @param output output spikes of this chunk, flat row-major [T, B, out]; no NaN
     * @param steps T, positive
     * @param batch B, positive
     * @param nIn in, positive
     * @param nOut out, positive
     * @param preCarry input trace, flat [B, in], zeros at the start of a stream, or null for a single chunk;
     *     updated in place for the next chunk
     * @param postCarry output trace, flat [B, out], zeros at the start of a stream, or null; updated in place
     * @return dW, flat row-major [out, in]
     */
    public static double[] deltaWeight(StdpWindow window, float[] input, float[] output, int steps, int batch,
            int nIn, int nOut, double[] preCarry, double[] postCarry) {
        checkFlat(window, input, output, steps, batch, nIn, nOut);
        if (preCarry != null && preCarry.length != batch * nIn) {
            throw new IllegalArgumentException("Stdp: input trace carry has " + preCarry.length
                    + " values, expected [B, in] = " + batch * nIn);
        }
        if (postCarry != null && postCarry.length != batch * nOut) {
            throw new IllegalArgumentException("Stdp: output trace carry has " + postCarry.length
                    + " values, expected [B, out] = " + batch * nOut);
        }
        double[] dw = Backends.stdp().deltaWeight(input, output, steps, batch, nIn, nOut, window.aPos(),
                window.tauPos(), window.aNeg(), window.tauNeg(), preCarry, postCarry);
        StdpKernels.advanceCarries(input, output, steps, batch, nIn, nOut, window.tauPos(), window.tauNeg(),
                preCarry, postCarry);
        return dw;
    }

    /**
     * Reference: the literal double sum over spike times, as 1.0.1 computes it (with {@code W(0) = 0}). For each
     * sample, output neuron and input neuron it walks the list of output spike times and, for each, the list of
     * input spike times, adding the window value (taken from a table of {@code W(d)}, {@code |d| < T}).
     * Cost {@code O(B*in*out*T^2)} at worst; single-threaded.
     *
     * @param window the window
     * @param input input spikes, [T, B, in] or [T, in]; no NaN
     * @param output output spikes, [T, B, out] or [T, out]
     * @return dW, shape [out, in], float64 if either train is float64, else float32
     */
    public static INDArray directDoubleSum(StdpWindow window, INDArray input, INDArray output) {
        Trains tr = Trains.of(input, output);
        return tr.result(directDoubleSum(window, tr.input, tr.output, tr.steps, tr.batch, tr.nIn, tr.nOut));
    }

    /**
     * Reference double sum on flat arrays (see {@link #directDoubleSum(StdpWindow, INDArray, INDArray)}).
     *
     * @param window the window
     * @param input input spikes, flat row-major [T, B, in]
     * @param output output spikes, flat row-major [T, B, out]
     * @param steps T
     * @param batch B
     * @param nIn in
     * @param nOut out
     * @return dW, flat row-major [out, in]
     */
    public static double[] directDoubleSum(StdpWindow window, float[] input, float[] output, int steps, int batch,
            int nIn, int nOut) {
        checkFlat(window, input, output, steps, batch, nIn, nOut);
        double[] table = new double[2 * steps - 1];
        for (int d = -(steps - 1); d < steps; d++) {
            table[d + steps - 1] = window.value(d);
        }
        double[] dw = new double[nOut * nIn];
        for (int b = 0; b < batch; b++) {
            int[][] inTimes = spikeTimes(input, steps, batch, nIn, b);
            int[][] outTimes = spikeTimes(output, steps, batch, nOut, b);
            for (int i = 0; i < nOut; i++) {
                int[] to = outTimes[i];
                if (to.length == 0) {
                    continue;
                }
                for (int j = 0; j < nIn; j++) {
                    int[] ti = inTimes[j];
                    double sum = 0.0;
                    for (int a : to) {
                        for (int c : ti) {
                            sum += table[a - c + steps - 1];
                        }
                    }
                    dw[i * nIn + j] += sum;
                }
            }
        }
        return dw;
    }

    /** @return for each neuron of sample b, its spike times in increasing order */
    private static int[][] spikeTimes(float[] train, int steps, int batch, int n, int b) {
        int[][] times = new int[n][];
        int[] buf = new int[steps];
        for (int k = 0; k < n; k++) {
            int count = 0;
            for (int t = 0; t < steps; t++) {
                if (train[(t * batch + b) * n + k] != 0f) {
                    buf[count++] = t;
                }
            }
            times[k] = Arrays.copyOf(buf, count);
        }
        return times;
    }

    private static void checkFlat(StdpWindow window, float[] input, float[] output, int steps, int batch, int nIn,
            int nOut) {
        if (window == null) {
            throw new IllegalArgumentException("Stdp: window must not be null");
        }
        if (steps <= 0 || batch <= 0 || nIn <= 0 || nOut <= 0) {
            throw new IllegalArgumentException("Stdp: T, B, in and out must be positive, got T=" + steps + ", B="
                    + batch + ", in=" + nIn + ", out=" + nOut);
        }
        if ((long) steps * batch * Math.max(nIn, nOut) > Integer.MAX_VALUE
                || (long) nIn * nOut > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Stdp: trains too large: T=" + steps + ", B=" + batch + ", in=" + nIn
                    + ", out=" + nOut);
        }
        checkTrain("input", input, (long) steps * batch * nIn, "[T, B, in] = [" + steps + ", " + batch + ", " + nIn
                + "]");
        checkTrain("output", output, (long) steps * batch * nOut, "[T, B, out] = [" + steps + ", " + batch + ", "
                + nOut + "]");
    }

    private static void checkTrain(String what, float[] train, long expected, String shape) {
        if (train == null || train.length != expected) {
            throw new IllegalArgumentException("Stdp: " + what + " spike train has "
                    + (train == null ? "no" : Integer.toString(train.length)) + " values, expected " + shape);
        }
        for (int k = 0; k < train.length; k++) {
            if (Float.isNaN(train[k])) {
                throw new IllegalArgumentException("Stdp: " + what + " spike train contains NaN (flat index " + k
                        + ")");
            }
        }
    }

    /** Both trains as flat float arrays with their sizes. */
    private record Trains(float[] input, float[] output, int steps, int batch, int nIn, int nOut, boolean dbl) {
        static Trains of(INDArray input, INDArray output) {
            if (input == null || output == null) {
                throw new IllegalArgumentException("Stdp: spike trains must not be null");
            }
            int rank = input.rank();
            if ((rank != 2 && rank != 3) || output.rank() != rank) {
                throw new IllegalArgumentException("Stdp: expected input [T, B, in] and output [T, B, out] (or [T, in]"
                        + " and [T, out]), got " + Arrays.toString(input.shape()) + " and "
                        + Arrays.toString(output.shape()));
            }
            if (input.size(0) != output.size(0) || (rank == 3 && input.size(1) != output.size(1))) {
                throw new IllegalArgumentException("Stdp: input " + Arrays.toString(input.shape()) + " and output "
                        + Arrays.toString(output.shape()) + " differ in T" + (rank == 3 ? " or B" : ""));
            }
            int steps = Math.toIntExact(input.size(0));
            int batch = rank == 3 ? Math.toIntExact(input.size(1)) : 1;
            int nIn = Math.toIntExact(input.size(rank - 1));
            int nOut = Math.toIntExact(output.size(rank - 1));
            boolean dbl = input.dataType() == DataType.DOUBLE || output.dataType() == DataType.DOUBLE;
            return new Trains(flat(input), flat(output), steps, batch, nIn, nOut, dbl);
        }

        /** Row-major values as float; float64 values are binarised first so tiny spikes are not rounded to 0. */
        private static float[] flat(INDArray a) {
            boolean whole = Layout.isRowMajor(a) && a.offset() == 0 && a.data().length() == a.length();
            INDArray c = whole ? a : a.dup('c');
            if (c.dataType() != DataType.DOUBLE) {
                return c.dataType() == DataType.FLOAT ? c.data().asFloat() : c.castTo(DataType.FLOAT).data().asFloat();
            }
            double[] d = c.data().asDouble();
            float[] f = new float[d.length];
            for (int k = 0; k < d.length; k++) {
                f[k] = d[k] == 0.0 ? 0f : Double.isNaN(d[k]) ? Float.NaN : 1f;
            }
            return f;
        }

        INDArray result(double[] dw) {
            INDArray r = Nd4j.create(dw, new long[] {nOut, nIn}, 'c');
            return dbl ? r : r.castTo(DataType.FLOAT);
        }
    }
}
