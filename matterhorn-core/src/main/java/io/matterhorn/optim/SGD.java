package io.matterhorn.optim;

import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import io.matterhorn.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum and weight decay (PyTorch's rule):
 *
 * <pre>
 *   g = grad + weightDecay * p
 *   buf = g (first step), then buf = momentum * buf + g
 *   p = p - lr * buf           (p = p - lr * g without momentum)
 * </pre>
 */
public final class SGD extends Optimizer {
    private final double momentum;
    private final double weightDecay;
    private final float[][] buffers;

    /**
     * @param params parameters
     * @param learningRate learning rate
     */
    public SGD(List<Tensor> params, double learningRate) {
        this(params, learningRate, 0.0, 0.0);
    }

    /**
     * @param params parameters
     * @param learningRate learning rate
     * @param momentum momentum factor in [0, 1)
     * @param weightDecay L2 penalty, non-negative
     */
    public SGD(List<Tensor> params, double learningRate, double momentum, double weightDecay) {
        super(params, learningRate);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("SGD momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("SGD weightDecay must be non-negative, got " + weightDecay);
        }
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.buffers = new float[parameters().size()][];
    }

    @Override
    protected void update(int index, FloatBuffer value, int vOff, FloatBuffer grad, int gOff, int n) {
        float lr = (float) learningRate();
        float wd = (float) weightDecay;
        float mu = (float) momentum;
        float[] buf = buffers[index];
        boolean first = buf == null;
        if (mu != 0 && first) {
            buf = new float[n];
            buffers[index] = buf;
        }
        for (int i = 0; i < n; i++) {
            float p = value.get(vOff + i);
            float g = grad.get(gOff + i) + wd * p;
            if (mu != 0) {
                g = first ? g : mu * buf[i] + g;
                buf[i] = g;
            }
            value.put(vOff + i, p - lr * g);
        }
    }

    /** Hyperparameters {@code momentum}, {@code weight_decay}; per parameter {@code state.i.momentum_buffer}. */
    @Override
    protected void saveState(Map<String, INDArray> out) {
        out.put("momentum", Nd4j.scalar(momentum));
        out.put("weight_decay", Nd4j.scalar(weightDecay));
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] != null) {
                out.put("state." + i + ".momentum_buffer", bufferArray(buffers[i], i));
            }
        }
    }

    @Override
    protected void checkState(Map<String, INDArray> in, List<String> problems, Set<String> known) {
        checkHyper(in, "momentum", momentum, problems, known);
        checkHyper(in, "weight_decay", weightDecay, problems, known);
        for (int i = 0; i < buffers.length; i++) {
            checkBuffer(in, "state." + i + ".momentum_buffer", i, problems, known);
        }
    }

    @Override
    protected void loadState(Map<String, INDArray> in) {
        for (int i = 0; i < buffers.length; i++) {
            INDArray b = in.get("state." + i + ".momentum_buffer");
            buffers[i] = b == null ? null : b.dup('c').data().asFloat();
        }
    }
}
