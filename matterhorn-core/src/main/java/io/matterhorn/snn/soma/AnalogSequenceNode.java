package io.matterhorn.snn.soma;

import io.matterhorn.tensor.Layout;
import io.matterhorn.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds the graph nodes of a fused analog sequence ({@link AnalogSequenceKernel}): the output node
 * {@code y [T, B, ...]} (analog values, not marked spike-valued) and the final-state node {@code h_T [B, ...]},
 * whose gradient is handed to the output node's backward.
 */
final class AnalogSequenceNode {

    /**
     * @param output y, shape [T, B, ...]
     * @param finalState potential after the last reset, shape [B, ...]
     */
    record Result(Tensor output, Tensor finalState) {
    }

    private AnalogSequenceNode() {
    }

    /**
     * Runs the forward kernel and wires the backward.
     *
     * @param owner soma name for messages and the node name
     * @param x float32 input [T, B, ...]
     * @param step one step's shape [B, ...]
     * @param neurons number of elements of one step (fits an int together with T)
     * @param h0 state before the sequence [B, ...], or null for rest
     * @param cfg kernel settings
     * @param params the soma's registered scalars: the response's, then the stages', in kernel order
     * @return output and final state
     */
    static Result run(String owner, Tensor x, long[] step, int neurons, Tensor h0, AnalogSequenceKernel.Config cfg,
            List<Tensor> params) {
        int steps = (int) x.size(0);
        int expected = cfg.dynamics().paramCount() + cfg.stages().paramCount();
        if (params.size() != expected) {
            throw new IllegalStateException(owner + ": " + params.size() + " registered scalars, but the fused kernel "
                    + "reports " + expected + " parameter gradients");
        }
        INDArray xv = Layout.contiguous(x.value());
        float[] h0v = h0 == null ? null : Layout.toFloatArray(h0.value());
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
        float[] u = new float[steps * neurons];
        float[] hLast = new float[neurons];
        FloatBuffer xb = Layout.floats(xv);
        int xOff = Layout.offset(xv);
        try {
            AnalogSequenceKernel.forward(cfg, xb, xOff, h0v, steps, neurons, Layout.floats(y), u, hLast);
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
        Tensor out = Tensor.fromOp("somaSequence(" + owner + ")", y, g -> {
            INDArray gc = Layout.contiguous(g);
            INDArray gx = x.requiresGrad() ? Nd4j.createUninitialized(DataType.FLOAT, x.shape()) : null;
            float[] gh0 = h0 != null && h0.requiresGrad() ? new float[neurons] : null;
            // dL/d(final state) was handed over by the final-state node in this backward pass; consume it so a
            // later backward pass that does not reach the final state cannot reuse it
            float[] gLast = gradHLast[0];
            gradHLast[0] = null;
            // frozen parameters: when none of the scalars requires gradients, the kernel skips that work
            boolean paramGrads = ps.stream().anyMatch(Tensor::requiresGrad);
            double[] dp = AnalogSequenceKernel.backward(paramGrads ? cfg : cfg.withoutParameterGradients(), xb, xOff,
                    h0v, u, Layout.floats(gc), Layout.offset(gc), gLast, steps, neurons,
                    gx == null ? null : Layout.floats(gx), gh0);
            if (gx != null) {
                x.accumulateGrad(gx);
            }
            if (gh0 != null) {
                h0.accumulateGrad(Nd4j.create(gh0, step, 'c'));
            }
            for (int k = 0; paramGrads && k < ps.size(); k++) {
                Tensor p = ps.get(k);
                if (p.requiresGrad()) {
                    p.accumulateGrad(Nd4j.scalar(p.dataType(), dp[k]));
                }
            }
        }, parents.toArray(new Tensor[0]));
        Tensor state = Tensor.fromOp("somaFinalState", Nd4j.create(hLast, step, 'c'), g -> {
            gradHLast[0] = Layout.toFloatArray(g);
            if (out.grad() == null) {
                out.accumulateGrad(Nd4j.zeros(DataType.FLOAT, x.shape()));
            }
        }, out);
        return new Result(out, state);
    }
}
