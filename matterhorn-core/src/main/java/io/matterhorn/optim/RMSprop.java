package io.matterhorn.optim;

import io.matterhorn.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * RMSprop, PyTorch's {@code torch.optim.RMSprop}, per parameter with the group's {@code lr} and {@code wd}
 * (all buffers start at zero):
 *
 * <pre>
 *   g = grad + wd * p
 *   s = alpha s + (1 - alpha) g^2
 *   centered:  a = alpha a + (1 - alpha) g,  d = sqrt(s - a^2) + eps;   else d = sqrt(s) + eps
 *   momentum mu &gt; 0:  buf = mu buf + g / d,  p = p - lr buf;          else p = p - lr g / d
 * </pre>
 *
 * Not thread-safe.
 */
public final class RMSprop extends Optimizer {
    private final double alpha;
    private final double eps;
    private final double momentum;
    private final boolean centered;

    /**
     * RMSprop with alpha 0.99, eps 1e-8, no momentum, not centred, no weight decay.
     *
     * @param params parameters
     * @param learningRate learning rate (PyTorch default 1e-2)
     */
    public RMSprop(List<Tensor> params, double learningRate) {
        this(builder(params).learningRate(learningRate));
    }

    private RMSprop(Builder b) {
        super(b.params(), b.learningRate(), b.weightDecay());
        this.alpha = requireRange("alpha", b.alpha, 0, 1, false);
        if (!(b.eps > 0) || Double.isInfinite(b.eps)) {
            throw new IllegalArgumentException("RMSprop eps must be positive and finite, got " + b.eps);
        }
        this.eps = b.eps;
        this.momentum = requireRange("momentum", b.momentum, 0, 1, false);
        this.centered = b.centered;
    }

    /**
     * @param params parameters, not empty (checked by {@link Builder#build()})
     * @return a builder with PyTorch's defaults: learning rate 1e-2, alpha 0.99, eps 1e-8, no weight decay, no
     *     momentum, not centred
     */
    public static Builder builder(List<Tensor> params) {
        return new Builder(params);
    }

    @Override
    protected void update(Slot state, ParamGroup group, FloatBuffer value, int vOff, FloatBuffer grad, int gOff,
            int n) {
        float[] sq = state.zeros("square_avg");
        float[] avg = centered ? state.zeros("grad_avg") : null;
        float[] buf = momentum > 0 ? state.zeros("momentum_buffer") : null;
        float lr = (float) group.learningRate();
        float wd = (float) group.weightDecay();
        float a = (float) alpha;
        float e = (float) eps;
        float mu = (float) momentum;
        for (int i = 0; i < n; i++) {
            float p = value.get(vOff + i);
            float g = grad.get(gOff + i) + wd * p;
            float s = a * sq[i] + (1 - a) * g * g;
            sq[i] = s;
            if (avg != null) {
                float ga = a * avg[i] + (1 - a) * g;
                avg[i] = ga;
                s -= ga * ga;
            }
            float d = (float) Math.sqrt(s) + e;
            if (buf != null) {
                float b = mu * buf[i] + g / d;
                buf[i] = b;
                value.put(vOff + i, p - lr * b);
            } else {
                value.put(vOff + i, p - lr * g / d);
            }
        }
    }

    @Override
    protected List<String> bufferNames() {
        List<String> names = new ArrayList<>(List.of("square_avg"));
        if (momentum > 0) {
            names.add("momentum_buffer");
        }
        if (centered) {
            names.add("grad_avg");
        }
        return names;
    }

    /** Hyperparameters {@code alpha}, {@code eps}, {@code momentum}, {@code centered} (1 or 0). */
    @Override
    protected void saveHyperparameters(Map<String, INDArray> out) {
        out.put("alpha", Nd4j.scalar(alpha));
        out.put("eps", Nd4j.scalar(eps));
        out.put("momentum", Nd4j.scalar(momentum));
        out.put("centered", Nd4j.scalar(centered ? 1.0 : 0.0));
    }

    @Override
    protected void checkHyperparameters(Map<String, INDArray> in, List<String> problems, Set<String> keys) {
        checkHyper(in, "alpha", alpha, problems, keys);
        checkHyper(in, "eps", eps, problems, keys);
        checkHyper(in, "momentum", momentum, problems, keys);
        checkHyper(in, "centered", centered ? 1.0 : 0.0, problems, keys);
    }

    /** Builder for {@link RMSprop}: alpha, eps, momentum, centred and the settings of {@link OptimizerBuilder}. */
    public static final class Builder extends OptimizerBuilder<RMSprop, Builder> {
        private double alpha = 0.99;
        private double eps = 1e-8;
        private double momentum;
        private boolean centered;

        private Builder(List<Tensor> params) {
            super(params, 1e-2, 0.0);
        }

        /**
         * @param v smoothing constant alpha in [0, 1) (default 0.99)
         * @return this builder
         */
        public Builder alpha(double v) {
            alpha = v;
            return this;
        }

        /**
         * @param v denominator offset, positive and finite (default 1e-8)
         * @return this builder
         */
        public Builder eps(double v) {
            eps = v;
            return this;
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
         * @param v true to normalise by the estimated variance instead of the second moment (default false)
         * @return this builder
         */
        public Builder centered(boolean v) {
            centered = v;
            return this;
        }

        /** @return the optimiser */
        @Override
        public RMSprop build() {
            return new RMSprop(this);
        }
    }
}
