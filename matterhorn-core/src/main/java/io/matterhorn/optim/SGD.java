package io.matterhorn.optim;

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
}
