package io.matterhorn.snn.soma;

import io.matterhorn.neuron.EulerNeuron;
import io.matterhorn.neuron.NeuronSequences;
import io.matterhorn.neuron.SequenceNeuron;
import java.nio.FloatBuffer;

import io.matterhorn.neuron.EulerKind;

import io.matterhorn.neuron.SurrogateDerivative;
import io.matterhorn.tensor.Layout;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused graph node of an {@link ArraySoma} sequence: runs {@link NeuronSequences} forward, and wires its
 * backward to the input, the initial state and the per-neuron parameters. The final state ({@code v}, and
 * {@code i} for current-based kinds) is returned as nodes whose gradients are handed to the output node's
 * backward, so gradients flow across calls as through T single steps.
 */
final class ArraySequenceNode {
    /**
     * @param output y [T, B, ...]
     * @param current synaptic current after the last step [B, N] (current-based kinds), or null
     * @param potential potential after the last step [B, N]
     */
    record Result(Tensor output, Tensor current, Tensor potential) {
    }

    private ArraySequenceNode() {
    }

    /**
     * @param owner soma name for messages
     * @param kind neuron kind
     * @param dt Euler step
     * @param surrogate surrogate (spiking kinds)
     * @param x input [T, B, ...], floating
     * @param neurons N
     * @param i0 current before the sequence [B, N], or null at rest
     * @param v0 potential before the sequence [B, N], or null at rest
     * @param params the parameter tensors in {@link EulerKind#paramNames()} order
     * @return output and final state
     */
    static Result run(String owner, EulerKind kind, double dt, SurrogateDerivative surrogate, Tensor x,
            int neurons, Tensor i0, Tensor v0, List<Tensor> params) {
        int steps = (int) x.size(0);
        long batch = x.size(1);
        if ((long) steps * batch * neurons > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(owner + ": T*B*N exceeds " + Integer.MAX_VALUE + " for input "
                    + Arrays.toString(x.shape()));
        }
        int m = (int) (batch * neurons);
        float[][] pv = new float[params.size()][];
        for (int k = 0; k < pv.length; k++) {
            pv[k] = Layout.toFloatArray(params.get(k).value());
        }
        SequenceNeuron c = new EulerNeuron(kind, dt, pv).sequence(surrogate);
        float[] xv = Layout.toFloatArray(x.value().dataType() == DataType.FLOAT ? x.value()
                : x.value().castTo(DataType.FLOAT));
        float[] i0v = i0 == null ? null : Layout.toFloatArray(i0.value());
        float[] v0v = v0 == null ? null : Layout.toFloatArray(v0.value());
        int total = steps * m;
        float[] y = new float[total];
        float[] u = new float[total];
        float[] cur = kind.current() ? new float[total] : null;
        float[] iLast = kind.current() ? new float[m] : null;
        float[] vLast = new float[m];
        try {
            NeuronSequences.forward(c, FloatBuffer.wrap(xv), 0, i0v, v0v, steps, m, FloatBuffer.wrap(y), u, cur,
                    iLast, vLast);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(owner + ": " + e.getMessage() + " (input shape "
                    + Arrays.toString(x.shape()) + ")", e);
        }
        List<Tensor> parents = new ArrayList<>();
        parents.add(x);
        if (i0 != null) {
            parents.add(i0);
        }
        if (v0 != null) {
            parents.add(v0);
        }
        parents.addAll(params);
        float[][] handed = new float[2][];
        long[] stateShape = {batch, neurons};
        Tensor out = Tensor.fromOp("arraySoma(" + owner + ")", Nd4j.create(y, x.shape(), 'c'), g -> {
            float[] gvLast = handed[1];
            float[] giLast = handed[0];
            handed[0] = null;
            handed[1] = null;
            boolean paramGrads = params.stream().anyMatch(Tensor::requiresGrad);
            float[] gx = x.requiresGrad() ? new float[total] : null;
            float[] gi0 = i0 != null && i0.requiresGrad() ? new float[m] : null;
            float[] gv0 = v0 != null && v0.requiresGrad() ? new float[m] : null;
            double[] dp = NeuronSequences.backward(c, FloatBuffer.wrap(xv), 0, i0v, v0v, u, cur,
                    FloatBuffer.wrap(Layout.toFloatArray(g)), 0, giLast, gvLast, steps, m,
                    gx == null ? null : FloatBuffer.wrap(gx), gi0, gv0, paramGrads);
            if (gx != null) {
                x.accumulateGrad(Nd4j.create(gx, x.shape(), 'c').castTo(x.dataType()));
            }
            if (gi0 != null) {
                i0.accumulateGrad(Nd4j.create(gi0, stateShape, 'c'));
            }
            if (gv0 != null) {
                v0.accumulateGrad(Nd4j.create(gv0, stateShape, 'c'));
            }
            for (int k = 0; paramGrads && k < params.size(); k++) {
                Tensor p = params.get(k);
                if (p.requiresGrad()) {
                    float[] gp = new float[neurons];
                    for (int q = 0; q < neurons; q++) {
                        gp[q] = (float) dp[k * neurons + q];
                    }
                    p.accumulateGrad(Nd4j.create(gp, p.shape(), 'c'));
                }
            }
        }, parents.toArray(new Tensor[0]));
        if (kind.spiking()) {
            out.markSpikeValued();
        }
        Tensor current = kind.current() ? finalState(out, iLast, stateShape, handed, 0, x.shape()) : null;
        Tensor potential = finalState(out, vLast, stateShape, handed, 1, x.shape());
        return new Result(out, current, potential);
    }

    /** A node whose gradient is handed to the output node's backward (which consumes it). */
    private static Tensor finalState(Tensor out, float[] value, long[] shape, float[][] handed, int slot,
            long[] outShape) {
        return Tensor.fromOp(slot == 0 ? "arraySomaFinalCurrent" : "arraySomaFinalPotential",
                Nd4j.create(value, shape, 'c'), g -> {
                    handed[slot] = Layout.toFloatArray(g);
                    if (out.grad() == null) {
                        out.accumulateGrad(Nd4j.zeros(DataType.FLOAT, outShape));
                    }
                }, out);
    }
}
