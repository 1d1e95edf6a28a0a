package io.matterhorn.optim;

import io.matterhorn.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov momentum and weight decay (PyTorch's
 * {@code torch.optim.SGD}), per parameter with the group's {@code lr} and {@code wd}:
 *
 * <pre>
 *   g = grad + wd * p
 *   with momentum mu &gt; 0:  buf = g (first update), then buf = mu * buf + (1 - dampening) * g
 *                            g = g + mu * buf (Nesterov)  or  g = buf
 *   p = p - lr * g
 * </pre>
 *
 * Not thread-safe.
 */
public final class SGD extends Optimizer {
    private static final String BUFFER = "momentum_buffer";
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;

    /**
     * Plain SGD.
     *
     * @param params parameters
     * @param learningRate learning rate
     */
    public SGD(List<Tensor> params, double learningRate) {
        this(builder(params, learningRate));
    }

    /**
     * @param params parameters
     * @param learningRate learning rate
     * @param momentum momentum factor in [0, 1)
     * @param weightDecay L2 penalty, non-negative
     */
    public SGD(List<Tensor> params, double learningRate, double momentum, double weightDecay) {
        this(builder(params, learningRate).momentum(momentum).weightDecay(weightDecay));
    }

    private SGD(Builder b) {
        super(b.params(), b.learningRate(), b.weightDecay());
        this.momentum = requireRange("momentum", b.momentum, 0, 1, false);
        this.dampening = requireRange("dampening", b.dampening, 0, 1, true);
        if (b.nesterov && (b.momentum == 0 || b.dampening != 0)) {
            throw new IllegalArgumentException("SGD Nesterov momentum needs momentum > 0 and dampening 0, got "
                    + "momentum " + b.momentum + ", dampening " + b.dampening);
        }
        this.nesterov = b.nesterov;
    }

    /**
     * @param params parameters, not empty (checked by {@link Builder#build()})
     * @param learningRate learning rate, non-negative and finite
     * @return a builder with PyTorch's defaults: no momentum, no dampening, no weight decay, no Nesterov momentum
     */
    public static Builder builder(List<Tensor> params, double learningRate) {
        return new Builder(params, learningRate);
    }

    @Override
    protected void update(Slot state, ParamGroup group, FloatBuffer value, int vOff, FloatBuffer grad, int gOff,
            int n) {
        float lr = (float) group.learningRate();
        float wd = (float) group.weightDecay();
        float mu = (float) momentum;
        float keep = (float) (1 - dampening);
        boolean first = state.get(BUFFER) == null;
        float[] buf = mu != 0 ? state.zeros(BUFFER) : null;
        for (int i = 0; i < n; i++) {
            float p = value.get(vOff + i);
            float g = grad.get(gOff + i) + wd * p;
            if (buf != null) {
                float b = first ? g : mu * buf[i] + keep * g;
                buf[i] = b;
                g = nesterov ? g + mu * b : b;
            }
            value.put(vOff + i, p - lr * g);
        }
    }

    @Override
    protected List<String> bufferNames() {
        return momentum != 0 ? List.of(BUFFER) : List.of();
    }

    /** Hyperparameters {@code momentum}, {@code dampening}, {@code nesterov} (1 or 0). */
    @Override
    protected void saveHyperparameters(Map<String, INDArray> out) {
        out.put("momentum", Nd4j.scalar(momentum));
        out.put("dampening", Nd4j.scalar(dampening));
        out.put("nesterov", Nd4j.scalar(nesterov ? 1.0 : 0.0));
    }

    @Override
    protected void checkHyperparameters(Map<String, INDArray> in, List<String> problems, Set<String> keys) {
        checkHyper(in, "momentum", momentum, problems, keys);
        checkHyper(in, "dampening", dampening, problems, keys);
        checkHyper(in, "nesterov", nesterov ? 1.0 : 0.0, problems, keys);
    }

    /** Builder for {@link SGD}: momentum, dampening, Nesterov and the settings of {@link OptimizerBuilder}. */
    public static final class Builder extends OptimizerBuilder<SGD, Builder> {
        private double momentum;
        private double dampening;
        private boolean nesterov;

        private Builder(List<Tensor> params, double learningRate) {
            super(params, learningRate, 0.0);
        }

        /**
         * @param v momentum factor mu in [0, 1) (default 0)
         * @return this builder
         */
        public Builder momentum(double v) {
            momentum = v;
            return this;
        }

        /**
         * @param v dampening of the momentum in [0, 1] (default 0)
         * @return this builder
         */
        public Builder dampening(double v) {
            dampening = v;
            return this;
        }

        /**
         * @param v true for Nesterov momentum, which needs momentum &gt; 0 and dampening 0 (default false)
         * @return this builder
         */
        public Builder nesterov(boolean v) {
            nesterov = v;
            return this;
        }

        /** @return the optimiser */
        @Override
        public SGD build() {
            return new SGD(this);
        }
    }
}
