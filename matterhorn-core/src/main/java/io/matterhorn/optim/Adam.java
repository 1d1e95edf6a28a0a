package io.matterhorn.optim;

import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import io.matterhorn.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * Adam (Kingma and Ba), PyTorch's formulation:
 *
 * <pre>
 *   g = grad + weightDecay * p
 *   m = beta1 m + (1 - beta1) g,       v = beta2 v + (1 - beta2) g^2
 *   p = p - lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)
 * </pre>
 */
public final class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final float[][] m;
    private final float[][] v;
    private final int[] steps;

    /**
     * Adam with betas (0.9, 0.999), eps 1e-8, no weight decay.
     *
     * @param params parameters
     * @param learningRate learning rate (PyTorch default 1e-3)
     */
    public Adam(List<Tensor> params, double learningRate) {
        this(params, learningRate, 0.9, 0.999, 1e-8, 0.0);
    }

    /**
     * @param params parameters
     * @param learningRate learning rate
     * @param beta1 first-moment decay in [0, 1)
     * @param beta2 second-moment decay in [0, 1)
     * @param eps denominator offset, positive
     * @param weightDecay L2 penalty, non-negative
     */
    public Adam(List<Tensor> params, double learningRate, double beta1, double beta2, double eps,
            double weightDecay) {
        super(params, learningRate);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(eps > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("Adam eps must be positive and weightDecay non-negative, got " + eps
                    + ", " + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        int n = parameters().size();
        this.m = new float[n][];
        this.v = new float[n][];
        this.steps = new int[n];
    }

    @Override
    protected void update(int index, FloatBuffer value, int vOff, FloatBuffer grad, int gOff, int n) {
        if (m[index] == null) {
            m[index] = new float[n];
            v[index] = new float[n];
        }
        float[] mi = m[index];
        float[] vi = v[index];
        int t = ++steps[index];
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        float stepSize = (float) (learningRate() / bc1);
        float sqrtBc2 = (float) Math.sqrt(bc2);
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float e = (float) eps;
        float wd = (float) weightDecay;
        for (int i = 0; i < n; i++) {
            float p = value.get(vOff + i);
            float g = grad.get(gOff + i) + wd * p;
            float mv = b1 * mi[i] + (1 - b1) * g;
            float vv = b2 * vi[i] + (1 - b2) * g * g;
            mi[i] = mv;
            vi[i] = vv;
            value.put(vOff + i, p - stepSize * mv / ((float) Math.sqrt(vv) / sqrtBc2 + e));
        }
    }

    /**
     * Hyperparameters {@code beta1}, {@code beta2}, {@code eps}, {@code weight_decay}; per parameter
     * {@code state.i.exp_avg}, {@code state.i.exp_avg_sq} and {@code state.i.step} (0-d int64).
     */
    @Override
    protected void saveState(Map<String, INDArray> out) {
        out.put("beta1", Nd4j.scalar(beta1));
        out.put("beta2", Nd4j.scalar(beta2));
        out.put("eps", Nd4j.scalar(eps));
        out.put("weight_decay", Nd4j.scalar(weightDecay));
        for (int i = 0; i < m.length; i++) {
            if (m[i] != null) {
                out.put("state." + i + ".exp_avg", bufferArray(m[i], i));
                out.put("state." + i + ".exp_avg_sq", bufferArray(v[i], i));
                out.put("state." + i + ".step", Nd4j.scalar((long) steps[i]));
            }
        }
    }

    @Override
    protected void checkState(Map<String, INDArray> in, List<String> problems, Set<String> known) {
        checkHyper(in, "beta1", beta1, problems, known);
        checkHyper(in, "beta2", beta2, problems, known);
        checkHyper(in, "eps", eps, problems, known);
        checkHyper(in, "weight_decay", weightDecay, problems, known);
        for (int i = 0; i < m.length; i++) {
            boolean hasM = checkBuffer(in, "state." + i + ".exp_avg", i, problems, known);
            boolean hasV = checkBuffer(in, "state." + i + ".exp_avg_sq", i, problems, known);
            String stepKey = "state." + i + ".step";
            known.add(stepKey);
            INDArray step = in.get(stepKey);
            if (hasM != hasV || hasM != (step != null)) {
                problems.add("parameter " + i + ": exp_avg, exp_avg_sq and step must be present together");
            } else if (step != null && (step.length() != 1 || step.dataType().isFPType() || step.getLong(0) < 1
                    || step.getLong(0) > Integer.MAX_VALUE)) {
                problems.add("'" + stepKey + "' must be one integer in [1, 2^31 - 1], got " + step);
            }
        }
    }

    @Override
    protected void loadState(Map<String, INDArray> in) {
        for (int i = 0; i < m.length; i++) {
            INDArray mi = in.get("state." + i + ".exp_avg");
            if (mi == null) {
                m[i] = null;
                v[i] = null;
                steps[i] = 0;
            } else {
                m[i] = mi.dup('c').data().asFloat();
                v[i] = in.get("state." + i + ".exp_avg_sq").dup('c').data().asFloat();
                steps[i] = (int) in.get("state." + i + ".step").getLong(0);
            }
        }
    }
}
