package io.matterhorn.optim;

import io.matterhorn.tensor.Layout;
import io.matterhorn.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of gradient-descent optimisers: holds the parameters and the learning rate, zeroes gradients, and applies
 * an update to every parameter that has a gradient. Parameters without a gradient (frozen, or unused in the
 * last backward pass) are skipped, as in PyTorch.
 */
public abstract class Optimizer {
    private final List<Tensor> params;
    private double learningRate;

    /**
     * @param params parameters to optimise (those with {@code requiresGrad()}); not empty
     * @param learningRate initial learning rate, positive
     */
    protected Optimizer(List<Tensor> params, double learningRate) {
        List<Tensor> trainable = new ArrayList<>();
        for (Tensor p : params) {
            if (!p.isLeaf()) {
                throw new IllegalArgumentException("optimiser parameters must be leaf tensors, got " + p);
            }
            if (p.requiresGrad()) {
                trainable.add(p);
            }
        }
        if (trainable.isEmpty()) {
            throw new IllegalArgumentException("no trainable parameters were given to " + getClass().getSimpleName());
        }
        setLearningRate(learningRate);
        this.params = List.copyOf(trainable);
    }

    /** @return the parameters being optimised */
    public List<Tensor> parameters() {
        return params;
    }

    /** @return the current learning rate */
    public double learningRate() {
        return learningRate;
    }

    /** @param lr the new learning rate, non-negative and finite */
    public void setLearningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be non-negative and finite, got " + lr);
        }
        learningRate = lr;
    }

    /** Zeroes every parameter's gradient. */
    public void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }

    /** Applies one update to every parameter that has a gradient. */
    public void step() {
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            INDArray g = p.grad();
            if (g == null) {
                continue;
            }
            INDArray v = p.value();
            if (v.dataType() != DataType.FLOAT) {
                throw new IllegalStateException(getClass().getSimpleName() + " supports float32 parameters, got "
                        + v.dataType());
            }
            INDArray gc = Layout.contiguous(g);
            update(i, Layout.floats(v), Layout.offset(v), Layout.floats(gc), Layout.offset(gc), (int) v.length());
        }
    }

    /**
     * Updates one parameter in place.
     *
     * @param index parameter index (for per-parameter state)
     * @param value parameter values from {@code vOff}
     * @param vOff offset of the first value
     * @param grad gradient values from {@code gOff}
     * @param gOff offset of the first gradient value
     * @param n number of elements
     */
    protected abstract void update(int index, FloatBuffer value, int vOff, FloatBuffer grad, int gOff, int n);
}
