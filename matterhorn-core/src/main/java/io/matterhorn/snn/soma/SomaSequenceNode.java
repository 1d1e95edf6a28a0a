package io.matterhorn.snn.soma;

import io.matterhorn.kernel.SomaKernels;
import io.matterhorn.neuron.NeuronSequences;
import io.matterhorn.neuron.SomaNeuron;
import io.matterhorn.numeric.SparseRows;
import io.matterhorn.kernel.SomaSpec;
import io.matterhorn.tensor.Convolution;
import io.matterhorn.tensor.InPlaceBackward;
import io.matterhorn.tensor.Layout;
import io.matterhorn.tensor.PendingConvolution;
import io.matterhorn.tensor.ScopedArrays;
import io.matterhorn.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one fused graph node of a soma sequence, for spiking and analog somas alike: the output node
 * {@code y [T, B, ...]} (spikes, marked spike-valued, or analog values) and the final-state node
 * {@code h_T [B, ...]}, whose gradient is handed to the output node's backward. The kernel is either the
 * selected backend's {@link SomaKernels} with a {@link SomaSpec}, or the pure-Java loop {@link NeuronSequences}
 * with the soma's own stages.
 */
final class SomaSequenceNode {

    /** A fused forward and backward over [T, N] (see {@link NeuronSequences} for the arguments). */
    interface Kernel {
        void forward(FloatBuffer x, int xOff, float[] h0, int steps, int neurons, FloatBuffer out, float[] u,
                float[] hLast);

        /**
         * {@link #forward}, and the output's lists as [T*N/cols, cols] when the kernel finds them cheaply
         * ({@link SomaKernels#forwardListingSpikes}: without {@code writeSpikes}, out is written only when the
         * result is null); the default lists nothing and writes out.
         *
         * @return the lists, or null
         */
        default SparseRows forwardListing(FloatBuffer x, int xOff, float[] h0, int steps, int neurons,
                FloatBuffer out, float[] u, float[] hLast, int cols, long maxOnes, boolean writeSpikes) {
            forward(x, xOff, h0, steps, neurons, out, u, hLast);
            return null;
        }

        /** @return whether {@link #forwardAfterConvolution} runs; the default: false */
        default boolean fusesConvolution() {
            return false;
        }

        /**
         * The soma over a convolution's output that has not been computed
         * ({@link SomaKernels#forwardAfterConvolution}); only when {@link #fusesConvolution}.
         *
         * @return the lists of the spikes as [T*B, S], or null (then out holds the spikes)
         */
        default SparseRows forwardAfterConvolution(PendingConvolution conv, int steps, int batch, float[] h0,
                FloatBuffer out, float[] u, float[] hLast, long maxOnes) {
            throw new UnsupportedOperationException("this soma kernel does not fuse a convolution");
        }

        /**
         * The soma's backward after {@link #forwardAfterConvolution}, folded into the convolution's weight and bias
         * gradients ({@link SomaKernels#backwardIntoConvolution}); only when {@link #fusesConvolution}.
         */
        default void backwardIntoConvolution(PendingConvolution conv, float[] h0, float[] u, FloatBuffer gradOut,
                int gOff, float[] gradHLast, int steps, int batch, float[] gradH0, float[] dw, double[] db) {
            throw new UnsupportedOperationException("this soma kernel does not fuse a convolution");
        }

        /**
         * @param x the input, or null after {@link #forwardAfterConvolution} when parameterGradients is false
         * @param parameterGradients false when every parameter is frozen: the kernel then skips that work and
         *     may return an empty array
         */
        double[] backward(FloatBuffer x, int xOff, float[] h0, float[] u, FloatBuffer gradOut, int gOff,
                float[] gradHLast, int steps, int neurons, FloatBuffer gradX, float[] gradH0,
                boolean parameterGradients);
    }

    /**
     * @param output y, shape [T, B, ...]
     * @param finalState potential after the last reset, shape [B, ...]
     */
    record Result(Tensor output, Tensor finalState) {
    }

    private SomaSequenceNode() {
    }

    /** @return the elements of one sample of a step [B, ...], or 0 when a step has no sample dimensions */
    private static int sampleElements(long[] step) {
        if (step.length < 2) {
            return 0;
        }
        long n = 1;
        for (int d = 1; d < step.length; d++) {
            n *= step[d];
        }
        return n > 0 && n <= Integer.MAX_VALUE ? (int) n : 0;
    }

    /**
     * Whether the backward after a fused forward folds the soma's input gradient into the convolution's weight and
     * bias gradients: when the convolution's input needs no gradient (then nothing else needs dL/dx) and no soma
     * parameter wants one.
     */
    private static boolean foldsIntoConvolution(PendingConvolution conv, List<Tensor> params) {
        return !conv.operands().input().requiresGrad() && params.stream().noneMatch(Tensor::requiresGrad);
    }

    /**
     * The fused backward: the kernel adds dL/dx, which is never made, into the convolution's weight and bias
     * gradients, which are handed to the convolution's weight and bias; dL/dh0 goes to h0.
     */
    private static void backwardIntoConvolution(Kernel kernel, PendingConvolution conv, Tensor h0, float[] h0v,
            float[] u, INDArray gc, float[] gLast, int steps, long[] step, int neurons) {
        PendingConvolution.Operands operands = conv.operands();
        Tensor bias = operands.bias();
        boolean biasGrad = bias != null && bias.requiresGrad();
        float[] gh0 = h0 != null && h0.requiresGrad() ? new float[neurons] : null;
        float[] dw = new float[Math.toIntExact(conv.weight().length())];
        double[] db = biasGrad ? new double[conv.outChannels()] : null;
        kernel.backwardIntoConvolution(conv, h0v, u, Layout.floats(gc), Layout.offset(gc), gLast, steps,
                (int) step[0], gh0, dw, db);
        if (operands.weight().requiresGrad()) {
            operands.weight().accumulateGrad(Layout.fromFloats(dw, conv.weight().shape()));
        }
        if (biasGrad) {
            // as the convolution's own bias gradient: the double sums cast to the bias's type
            bias.accumulateGrad(Nd4j.create(db, new long[] {db.length}, 'c').castTo(bias.dataType()));
        }
        if (gh0 != null) {
            h0.accumulateGrad(Layout.fromFloats(gh0, step));
        }
    }

    /**
     * The pending convolution the kernel computes together with the soma: x is a lazy event-driven convolution's
     * output [T, B, ...] whose rows are the T*B samples, the soma spikes, the kernel fuses, and no parameter wants a
     * gradient (their terms read x).
     *
     * @return the convolution, or null when the soma runs on x's value
     */
    private static PendingConvolution fusable(Tensor x, int steps, long[] step, int cols, Kernel kernel,
            List<Tensor> params) {
        PendingConvolution conv = x.pendingConvolution();
        if (conv == null || cols == 0 || !kernel.fusesConvolution() || params.stream().anyMatch(Tensor::requiresGrad)) {
            return null;
        }
        return (long) steps * step[0] == conv.ones().rows() && conv.sampleElements() == cols ? conv : null;
    }

    /**
     * @param kernels the selected backend
     * @param spec the soma's kernel description
     * @return the backend's kernel for this spec
     */
    static Kernel backend(SomaKernels kernels, SomaSpec spec) {
        boolean fuses = kernels.fusesConvolution(spec);
        return new Kernel() {
            @Override
            public void forward(FloatBuffer x, int xOff, float[] h0, int steps, int neurons, FloatBuffer out,
                    float[] u, float[] hLast) {
                kernels.forward(spec, x, xOff, h0, steps, neurons, out, u, hLast);
            }

            @Override
            public SparseRows forwardListing(FloatBuffer x, int xOff, float[] h0, int steps, int neurons,
                    FloatBuffer out, float[] u, float[] hLast, int cols, long maxOnes, boolean writeSpikes) {
                return kernels.forwardListingSpikes(spec, x, xOff, h0, steps, neurons, out, u, hLast, cols, maxOnes,
                        writeSpikes);
            }

            @Override
            public boolean fusesConvolution() {
                return fuses;
            }

            @Override
            public SparseRows forwardAfterConvolution(PendingConvolution conv, int steps, int batch, float[] h0,
                    FloatBuffer out, float[] u, float[] hLast, long maxOnes) {
                INDArray w = conv.weight();
                INDArray b = conv.bias();
                return kernels.forwardAfterConvolution(spec, conv.ones(), Layout.floats(w), Layout.offset(w),
                        b == null ? null : Layout.floats(b), b == null ? 0 : Layout.offset(b), conv.outChannels(),
                        conv.geometry(), steps, batch, h0, out, u, hLast, maxOnes);
            }

            @Override
            public void backwardIntoConvolution(PendingConvolution conv, float[] h0, float[] u, FloatBuffer gradOut,
                    int gOff, float[] gradHLast, int steps, int batch, float[] gradH0, float[] dw, double[] db) {
                kernels.backwardIntoConvolution(spec, h0, u, gradOut, gOff, gradHLast, steps, batch, conv.ones(),
                        conv.outChannels(), conv.geometry(), gradH0, dw, db);
            }

            @Override
            public double[] backward(FloatBuffer x, int xOff, float[] h0, float[] u, FloatBuffer gradOut, int gOff,
                    float[] gradHLast, int steps, int neurons, FloatBuffer gradX, float[] gradH0,
                    boolean parameterGradients) {
                if (parameterGradients) {
                    return kernels.backward(spec, x, xOff, h0, u, gradOut, gOff, gradHLast, steps, neurons, gradX,
                            gradH0);
                }
                kernels.backwardInputs(spec, x, xOff, h0, u, gradOut, gOff, gradHLast, steps, neurons, gradX, gradH0);
                return new double[0];
            }
        };
    }

    /**
     * @param neuron the soma's dynamics, stages and reset
     * @return the pure-Java kernel with these settings
     */
    static Kernel java(SomaNeuron neuron) {
        return new Kernel() {
            @Override
            public void forward(FloatBuffer x, int xOff, float[] h0, int steps, int neurons, FloatBuffer out,
                    float[] u, float[] hLast) {
                NeuronSequences.forward(neuron, x, xOff, null, h0, steps, neurons, out, u, null, null, hLast);
            }

            @Override
            public double[] backward(FloatBuffer x, int xOff, float[] h0, float[] u, FloatBuffer gradOut, int gOff,
                    float[] gradHLast, int steps, int neurons, FloatBuffer gradX, float[] gradH0,
                    boolean parameterGradients) {
                return NeuronSequences.backward(neuron, x, xOff, null, h0, u, null, gradOut, gOff, null, gradHLast,
                        steps, neurons, gradX, null, gradH0, parameterGradients);
            }
        };
    }

    /**
     * Runs the forward kernel and wires the backward.
     *
     * @param owner soma name for messages and the node name
     * @param x float32 input [T, B, ...]
     * @param step one step's shape [B, ...]
     * @param neurons number of elements of one step (fits an int together with T)
     * @param h0 state before the sequence [B, ...], or null for rest
     * @param kernel the fused kernel
     * @param params the scalars whose gradients the kernel returns, in its order
     * @param spikeValued whether y holds 0/1 spikes: then it is marked spike-valued, and when x is [T, B, ...] and the
     *     kernel lists spikes cheaply ({@link Kernel#forwardListing}) their lists, one row per step and sample,
     *     are attached to it ({@link Tensor#sparseRows()}) for the next synapse
     * @return output and final state
     */
    static Result run(String owner, Tensor x, long[] step, int neurons, Tensor h0, Kernel kernel,
            List<Tensor> params, boolean spikeValued) {
        int steps = (int) x.size(0);
        int cols = spikeValued ? sampleElements(step) : 0;
        // an event-driven convolution's output not yet computed: with a kernel that fuses, it never is
        PendingConvolution conv = fusable(x, steps, step, cols, kernel, params);
        INDArray xv = conv != null ? null : Layout.contiguous(x.value());
        float[] h0v = h0 == null ? null : Layout.toFloatArray(h0.value());
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
        float[] u = ScopedArrays.floats(steps * neurons);
        // copied into an ND4J array below, so a scoped work array will do (a fresh one is a humongous allocation)
        float[] hLast = ScopedArrays.floats(neurons);
        FloatBuffer xb = xv == null ? null : Layout.floats(xv);
        int xOff = xv == null ? 0 : Layout.offset(xv);
        SparseRows lists = null;
        // spikes are listed up to the event-driven convolution's limit (a consumer that wants denser spikes as lists
        // compresses them itself); the dense spikes are written only when the lists are not made
        long maxOnes = (long) Math.floor(Convolution.eventDensityLimit() * steps * (double) neurons);
        try {
            if (conv != null) {
                lists = kernel.forwardAfterConvolution(conv, steps, (int) step[0], h0v, Layout.floats(y), u, hLast,
                        maxOnes);
            } else if (cols > 0) {
                lists = kernel.forwardListing(xb, xOff, h0v, steps, neurons, Layout.floats(y), u, hLast, cols,
                        maxOnes, false);
            } else {
                kernel.forward(xb, xOff, h0v, steps, neurons, Layout.floats(y), u, hLast);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(owner + ": " + e.getMessage() + " (input shape "
                    + Arrays.toString(x.shape()) + ")", e);
        }

        List<Tensor> parents = new ArrayList<>();
        parents.add(x);
        if (h0 != null) {
            parents.add(h0);
        }
        parents.addAll(params);
        List<Tensor> ps = List.copyOf(params);
        float[][] gradHLast = new float[1][];
        InPlaceBackward backward = (g, writable) -> {
            INDArray gc = Layout.contiguous(g);
            if (conv != null && foldsIntoConvolution(conv, ps)) {
                float[] gLast = gradHLast[0];
                gradHLast[0] = null;
                backwardIntoConvolution(kernel, conv, h0, h0v, u, gc, gLast, steps, step, neurons);
                return;
            }
            // dL/dx over dL/dy when that array is private: the kernels read gradOut[t, n] before they write
            // gradX[t, n] and touch no other element of either, and at T=128 this is a 1.2 GiB array less
            boolean reuse = (writable || gc != g) && Layout.offset(gc) == 0;
            INDArray gx = !x.requiresGrad() ? null
                    : reuse ? gc : Nd4j.createUninitialized(DataType.FLOAT, x.shape());
            float[] gh0 = h0 != null && h0.requiresGrad() ? new float[neurons] : null;
            // dL/d(final state) was handed over by the final-state node in this backward pass; consume it so a
            // later backward pass that does not reach the final state cannot reuse it
            float[] gLast = gradHLast[0];
            gradHLast[0] = null;
            // frozen parameters: when none of the scalars requires a gradient, the kernel skips that work
            boolean paramGrads = ps.stream().anyMatch(Tensor::requiresGrad);
            // after a fused forward x exists only if a parameter was unfrozen since (then it is computed now)
            INDArray xc = xb == null && paramGrads ? Layout.contiguous(x.value()) : null;
            double[] dp = kernel.backward(xc != null ? Layout.floats(xc) : xb, xc != null ? Layout.offset(xc) : xOff,
                    h0v, u, Layout.floats(gc), Layout.offset(gc), gLast, steps, neurons,
                    gx == null ? null : Layout.floats(gx), gh0, paramGrads);
            if (gx != null) {
                x.takeGrad(gx);
            }
            if (gh0 != null) {
                h0.accumulateGrad(Layout.fromFloats(gh0, step));
            }
            for (int k = 0; paramGrads && k < ps.size(); k++) {
                Tensor p = ps.get(k);
                if (p.requiresGrad()) {
                    p.accumulateGrad(Nd4j.scalar(p.dataType(), dp[k]));
                }
            }
        };
        String name = "somaSequence(" + owner + ")";
        Tensor[] inputs = parents.toArray(new Tensor[0]);
        SparseRows listed = lists;
        long[] shape = x.shape();
        // with lists the next synapse reads them; the dense spikes are made from them only if something asks
        Tensor out = listed == null ? Tensor.fromOp(name, y, backward, inputs)
                : Tensor.fromLazyOp(name, shape, DataType.FLOAT, () -> Layout.fromSpikeLists(listed, shape), backward,
                        inputs);
        if (spikeValued) {
            out.markSpikeValued();
        }
        if (lists != null) {
            out.attachSparseRows(lists);
        }
        Tensor state = Tensor.fromOp("somaFinalState", Layout.fromFloats(hLast, step), g -> {
            gradHLast[0] = Layout.toFloatArray(g);
            if (out.grad() == null) {
                out.accumulateGrad(Nd4j.zeros(DataType.FLOAT, x.shape()));
            }
        }, out);
        return new Result(out, state);
    }
}
