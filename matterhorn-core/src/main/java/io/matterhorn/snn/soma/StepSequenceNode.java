package io.matterhorn.snn.soma;

import io.matterhorn.numeric.Parallel;
import io.matterhorn.numeric.SpikeMatmul;
import io.matterhorn.tensor.Layout;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused graph node of a neuron layer stepped over a sequence, optionally with a recurrent input: per step t
 * (time outer, elements inner) the neuron layer ({@link NeuronSteps}) receives
 *
 * <pre>
 *   in_t = x_t + (V y_{t-1} + c)    (y_{-1} = the previous call's last output, or 0; c an optional bias;
 *                                    without V: in_t = x_t)
 *   y_t  = neuron(in_t; state)
 * </pre>
 *
 * with {@code V [N, N]} applied per sample. The product with spikes adds the columns of V of the active neurons in
 * the order of {@link SpikeMatmul#sumEntries} (as the streaming runtime does, so both agree bit for bit); with an
 * analog output it adds {@code y_j V[:, j]} for the non-zero {@code y_j} in ascending j. The backward walks the
 * steps in reverse (BPTT through V and the state):
 *
 * <pre>
 *   gin_t = neuron backward of step t, given dL/dy_t + V^T gin_{t+1}
 *   dL/dx_t = gin_t,   dL/dV += gin_t y_{t-1}^T,   dL/dc += gin_t  (summed over the batch and the steps)
 * </pre>
 *
 * The final state (and, with V, the last output that the next call's recurrence reads) are nodes whose gradients are
 * handed to the output node's backward, so gradients flow across calls as through single steps.
 */
final class StepSequenceNode {
    private static final int MIN_ROWS_PER_TASK = 8;

    /**
     * @param output y [T, B, ...]
     * @param finalState the neuron state after the last step, one [B, N] tensor per {@link NeuronSteps#stateNames()}
     * @param finalOutput the last output [B, N] (the next call's y_{-1}), or null without V
     */
    record Result(Tensor output, List<Tensor> finalState, Tensor finalOutput) {
    }

    private StepSequenceNode() {
    }

    /**
     * @param owner module name for messages
     * @param k the neuron layer's steps (built for this sequence)
     * @param x input [T, B, ...] with N values per sample
     * @param features N
     * @param state0 the state before the sequence, one [B, N] tensor per state variable, or null at rest (then
     *     {@code k} must have been built with {@code fromRest})
     * @param weight V [N, N], or null for no recurrence
     * @param bias the recurrent bias c [N] (with V only), or null
     * @param y0 the output before the sequence [B, N] (what V reads at the first step), or null for zeros
     * @return output and final state
     */
    static Result run(String owner, NeuronSteps k, Tensor x, int features, List<Tensor> state0, Tensor weight,
            Tensor bias, Tensor y0) {
        int steps = (int) x.size(0);
        long batchL = x.size(1);
        long total = steps * batchL * features;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(owner + ": T*B*N exceeds " + Integer.MAX_VALUE + " for input "
                    + Arrays.toString(x.shape()));
        }
        int batch = (int) batchL;
        int n = features;
        int m = batch * n;
        float[] xv = Layout.toFloatArray(x.value().dataType() == DataType.FLOAT ? x.value()
                : x.value().castTo(DataType.FLOAT));
        List<String> names = k.stateNames();
        int kk = names.size();
        float[][] state = new float[kk][m];
        if (state0 == null) {
            k.rest(state);
        } else {
            for (int s = 0; s < kk; s++) {
                state[s] = Layout.toFloatArray(state0.get(s).value());
            }
        }
        float[] y0v = weight == null ? null : y0 != null ? Layout.toFloatArray(y0.value()) : new float[m];
        float[] w = weight == null ? null : Layout.toFloatArray(weight.value());
        float[][] columns = w == null ? null : columns(w, n);
        float[] c = w == null || bias == null ? null : Layout.toFloatArray(bias.value());
        boolean spikes = k.spiking();
        float[][] ins = new float[steps][];
        float[][] ys = new float[steps][];
        float[] prev = y0v;
        try {
            for (int t = 0; t < steps; t++) {
                float[] in = Arrays.copyOfRange(xv, t * m, (t + 1) * m);
                if (columns != null) {
                    addRecurrent(in, prev, columns, c, batch, n, spikes);
                }
                ins[t] = in;
                ys[t] = new float[m];
                k.forward(t, in, state, ys[t]);
                prev = ys[t];
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(owner + ": " + e.getMessage() + " (input shape "
                    + Arrays.toString(x.shape()) + ")", e);
        }
        float[] y = new float[steps * m];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(ys[t], 0, y, t * m, m);
        }

        List<Tensor> parents = new ArrayList<>();
        parents.add(x);
        if (state0 != null) {
            parents.addAll(state0);
        }
        if (weight != null) {
            parents.add(weight);
            if (c != null) {
                parents.add(bias);
            }
            if (y0 != null) {
                parents.add(y0);
            }
        }
        List<Tensor> params = k.parameters();
        parents.addAll(params);
        float[][] handed = new float[kk + 1][];
        long[] stateShape = {batch, n};
        Tensor out = Tensor.fromOp("neuronSteps(" + owner + ")", Nd4j.create(y, x.shape(), 'c'), g -> {
            float[] gAll = Layout.toFloatArray(g);
            float[][] gState = new float[kk][];
            for (int s = 0; s < kk; s++) {
                gState[s] = handed[s] != null ? handed[s] : new float[m];
                handed[s] = null;
            }
            float[] gz = handed[kk] != null ? handed[kk] : new float[m];
            handed[kk] = null;
            float[] gx = x.requiresGrad() ? new float[steps * m] : null;
            double[] gw = weight != null && weight.requiresGrad() ? new double[n * n] : null;
            double[] gc = c != null && bias.requiresGrad() ? new double[n] : null;
            boolean gy0 = y0 != null && y0.requiresGrad();
            float[] gin = new float[m];
            for (int t = steps - 1; t >= 0; t--) {
                float[] gy = new float[m];
                for (int e = 0; e < m; e++) {
                    gy[e] = gAll[t * m + e] + gz[e];
                }
                k.backward(t, ins[t], gy, gState, gin);
                ins[t] = null;
                if (gx != null) {
                    System.arraycopy(gin, 0, gx, t * m, m);
                }
                if (w != null) {
                    float[] before = t > 0 ? ys[t - 1] : y0v;
                    if (gw != null) {
                        addOuter(gw, gin, before, batch, n);
                    }
                    for (int e = 0; gc != null && e < m; e++) {
                        gc[e % n] += gin[e];
                    }
                    if (t > 0 || gy0) {
                        gz = transposedProduct(w, gin, batch, n);
                    }
                }
            }
            if (gx != null) {
                x.accumulateGrad(Nd4j.create(gx, x.shape(), 'c').castTo(x.dataType()));
            }
            if (state0 != null) {
                for (int s = 0; s < kk; s++) {
                    Tensor s0 = state0.get(s);
                    if (s0.requiresGrad()) {
                        s0.accumulateGrad(Nd4j.create(gState[s], s0.shape(), 'c').castTo(s0.dataType()));
                    }
                }
            }
            if (gw != null) {
                float[] dv = new float[n * n];
                for (int j = 0; j < n; j++) {
                    for (int o = 0; o < n; o++) {
                        dv[o * n + j] = (float) gw[j * n + o];
                    }
                }
                weight.accumulateGrad(Nd4j.create(dv, weight.shape(), 'c').castTo(weight.dataType()));
            }
            if (gc != null) {
                float[] dc = new float[n];
                for (int o = 0; o < n; o++) {
                    dc[o] = (float) gc[o];
                }
                bias.accumulateGrad(Nd4j.create(dc, bias.shape(), 'c').castTo(bias.dataType()));
            }
            if (gy0) {
                y0.accumulateGrad(Nd4j.create(gz, y0.shape(), 'c').castTo(y0.dataType()));
            }
            if (k.paramGrads) {
                double[][] dp = k.parameterGrads();
                for (int p = 0; p < params.size(); p++) {
                    Tensor param = params.get(p);
                    if (param.requiresGrad()) {
                        param.accumulateGrad(parameterGrad(dp[p], param));
                    }
                }
            }
        }, parents.toArray(new Tensor[0]));
        if (spikes) {
            out.markSpikeValued();
        }
        List<Tensor> finalState = new ArrayList<>();
        for (int s = 0; s < kk; s++) {
            finalState.add(handOver(out, state[s], stateShape, handed, s, x.shape()));
        }
        Tensor finalOutput = weight == null ? null
                : handOver(out, steps == 0 ? y0v : ys[steps - 1], stateShape, handed, kk, x.shape());
        if (finalOutput != null && spikes) {
            finalOutput.markSpikeValued();
        }
        return new Result(out, finalState, finalOutput);
    }

    private static org.nd4j.linalg.api.ndarray.INDArray parameterGrad(double[] g, Tensor p) {
        if (p.rank() == 0) {
            return Nd4j.scalar(p.dataType(), g[0]);
        }
        float[] f = new float[g.length];
        for (int q = 0; q < f.length; q++) {
            f[q] = (float) g[q];
        }
        return Nd4j.create(f, p.shape(), 'c').castTo(p.dataType());
    }

    /** A node whose gradient is handed to the output node's backward (which consumes it). */
    private static Tensor handOver(Tensor out, float[] value, long[] shape, float[][] handed, int slot,
            long[] outShape) {
        return Tensor.fromOp("neuronStepsFinalState", Nd4j.create(value.clone(), shape, 'c'), g -> {
            handed[slot] = Layout.toFloatArray(g);
            if (out.grad() == null) {
                out.accumulateGrad(Nd4j.zeros(DataType.FLOAT, outShape));
            }
        }, out);
    }

    /** @return V's columns as rows: {@code c[j][o] = V[o][j]} */
    private static float[][] columns(float[] w, int n) {
        float[][] c = new float[n][n];
        for (int o = 0; o < n; o++) {
            for (int j = 0; j < n; j++) {
                c[j][o] = w[o * n + j];
            }
        }
        return c;
    }

    /**
     * {@code in[b] += V y[b] (+ c)} per sample b; spikes through their active columns, analog values densely (the
     * order of the runtime's linear operation: the product, then the bias, then added to the input).
     */
    private static void addRecurrent(float[] in, float[] y, float[][] columns, float[] c, int batch, int n,
            boolean spikes) {
        Parallel.forRange(batch, MIN_ROWS_PER_TASK, (chunk, from, to) -> {
            float[] acc = new float[n];
            int[] active = new int[n];
            for (int b = from; b < to; b++) {
                Arrays.fill(acc, 0f);
                int base = b * n;
                if (spikes) {
                    int count = 0;
                    for (int j = 0; j < n; j++) {
                        if (y[base + j] != 0f) {
                            active[count++] = j;
                        }
                    }
                    SpikeMatmul.sumEntries(acc, 0, count, active, null, columns, n);
                } else {
                    for (int j = 0; j < n; j++) {
                        float v = y[base + j];
                        if (v != 0f) {
                            float[] col = columns[j];
                            for (int o = 0; o < n; o++) {
                                acc[o] += v * col[o];
                            }
                        }
                    }
                }
                if (c != null) {
                    for (int o = 0; o < n; o++) {
                        acc[o] += c[o];
                    }
                }
                for (int o = 0; o < n; o++) {
                    in[base + o] += acc[o];
                }
            }
        });
    }

    /** {@code gw[j][o] += sum_b before[b][j] gin[b][o]}, split over j so that no two tasks write one row. */
    private static void addOuter(double[] gw, float[] gin, float[] before, int batch, int n) {
        Parallel.forRange(n, MIN_ROWS_PER_TASK, (chunk, from, to) -> {
            for (int b = 0; b < batch; b++) {
                int base = b * n;
                for (int j = from; j < to; j++) {
                    float v = before[base + j];
                    if (v != 0f) {
                        int row = j * n;
                        for (int o = 0; o < n; o++) {
                            gw[row + o] += (double) v * gin[base + o];
                        }
                    }
                }
            }
        });
    }

    /** @return {@code g[b][j] = sum_o gin[b][o] V[o][j]} per sample b */
    private static float[] transposedProduct(float[] w, float[] gin, int batch, int n) {
        float[] g = new float[batch * n];
        Parallel.forRange(batch, MIN_ROWS_PER_TASK, (chunk, from, to) -> {
            for (int b = from; b < to; b++) {
                int base = b * n;
                for (int o = 0; o < n; o++) {
                    float v = gin[base + o];
                    if (v != 0f) {
                        int row = o * n;
                        for (int j = 0; j < n; j++) {
                            g[base + j] += v * w[row + j];
                        }
                    }
                }
            }
        });
        return g;
    }
}
