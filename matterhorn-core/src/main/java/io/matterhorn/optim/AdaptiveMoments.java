package io.matterhorn.optim;

import io.matterhorn.numeric.Parallel;
import io.matterhorn.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The update shared by {@link Adam} and {@link AdamW} (PyTorch's rules), per parameter at update count t with
 * the group's {@code lr} and {@code wd}:
 *
 * <pre>
 *   Adam:  g = grad + wd * p                       AdamW:  g = grad,  p = p (1 - lr * wd)
 *   m = beta1 m + (1 - beta1) g,   v = beta2 v + (1 - beta2) g^2
 *   vHat = max(vHat, v) with AMSGrad, else vHat = v
 *   p = p - lr / (1 - beta1^t) * m / (sqrt(vHat) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * Not thread-safe.
 */
public abstract class AdaptiveMoments extends Optimizer {
    /** Smallest piece of a parameter updated as one task: a parameter of fewer elements is updated in one piece. */
    static final int UPDATE_CHUNK = 1 << 14;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean amsgrad;
    private final boolean decoupled;

    AdaptiveMoments(MomentsBuilder<?, ?> b, boolean decoupled) {
        super(b.params(), b.learningRate(), b.weightDecay());
        this.beta1 = requireRange("beta1", b.beta1, 0, 1, false);
        this.beta2 = requireRange("beta2", b.beta2, 0, 1, false);
        if (!(b.eps > 0) || Double.isInfinite(b.eps)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " eps must be positive and finite, got "
                    + b.eps);
        }
        this.eps = b.eps;
        this.amsgrad = b.amsgrad;
        this.decoupled = decoupled;
    }

    @Override
    protected final void update(Slot state, ParamGroup group, FloatBuffer value, int vOff, FloatBuffer grad,
            int gOff, int n) {
        float[] m = state.zeros("exp_avg");
        float[] v = state.zeros("exp_avg_sq");
        float[] vMax = amsgrad ? state.zeros("max_exp_avg_sq") : null;
        long t = state.step();
        double lr = group.learningRate();
        float stepSize = (float) (lr / (1 - Math.pow(beta1, t)));
        float sqrtBc2 = (float) Math.sqrt(1 - Math.pow(beta2, t));
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float e = (float) eps;
        float wd = decoupled ? 0f : (float) group.weightDecay();
        float shrink = decoupled ? (float) (1 - lr * group.weightDecay()) : 1f;
        // element by element, so the pieces give the serial loop's floats; on the kernel threads for large
        // parameters (the update ran on the calling thread alone: beside it a core sat idle in 1.7% of the
        // wall-clock samples of example 1's `bench`, 2026-12-07)
        Parallel.forRange(n, UPDATE_CHUNK, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                float p = value.get(vOff + i);
                float g = grad.get(gOff + i) + wd * p;
                p *= shrink;
                float mv = b1 * m[i] + (1 - b1) * g;
                float vv = b2 * v[i] + (1 - b2) * g * g;
                m[i] = mv;
                v[i] = vv;
                if (vMax != null) {
                    vv = Math.max(vMax[i], vv);
                    vMax[i] = vv;
                }
                value.put(vOff + i, p - stepSize * mv / ((float) Math.sqrt(vv) / sqrtBc2 + e));
            }
        });
    }

    @Override
    protected final List<String> bufferNames() {
        return amsgrad ? List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq") : List.of("exp_avg", "exp_avg_sq");
    }

    /** Hyperparameters {@code beta1}, {@code beta2}, {@code eps}, {@code amsgrad} (1 or 0). */
    @Override
    protected final void saveHyperparameters(Map<String, INDArray> out) {
        out.put("beta1", Nd4j.scalar(beta1));
        out.put("beta2", Nd4j.scalar(beta2));
        out.put("eps", Nd4j.scalar(eps));
        out.put("amsgrad", Nd4j.scalar(amsgrad ? 1.0 : 0.0));
    }

    @Override
    protected final void checkHyperparameters(Map<String, INDArray> in, List<String> problems, Set<String> keys) {
        checkHyper(in, "beta1", beta1, problems, keys);
        checkHyper(in, "beta2", beta2, problems, keys);
        checkHyper(in, "eps", eps, problems, keys);
        checkHyper(in, "amsgrad", amsgrad ? 1.0 : 0.0, problems, keys);
    }

    /**
     * The builder settings {@link Adam} and {@link AdamW} share: betas (0.9, 0.999), eps 1e-8 and AMSGrad (off) by
     * default, besides those of {@link OptimizerBuilder}. Not thread-safe.
     *
     * @param <O> the optimiser built
     * @param <B> the concrete builder
     */
    public abstract static class MomentsBuilder<O extends AdaptiveMoments, B extends MomentsBuilder<O, B>>
            extends OptimizerBuilder<O, B> {
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private boolean amsgrad;

        MomentsBuilder(List<Tensor> params, double learningRate, double weightDecay) {
            super(params, learningRate, weightDecay);
        }

        /**
         * @param first first-moment decay beta1 in [0, 1) (default 0.9)
         * @param second second-moment decay beta2 in [0, 1) (default 0.999)
         * @return this builder
         */
        public final B betas(double first, double second) {
            beta1 = first;
            beta2 = second;
            return self();
        }

        /**
         * @param v denominator offset, positive and finite (default 1e-8)
         * @return this builder
         */
        public final B eps(double v) {
            eps = v;
            return self();
        }

        /**
         * @param v true to use the running maximum of the second moment (AMSGrad; default false)
         * @return this builder
         */
        public final B amsgrad(boolean v) {
            amsgrad = v;
            return self();
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }
    }
}
