package io.matterhorn.optim;

import io.matterhorn.tensor.Functional;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Loss functions (the one public home of the losses; {@code Functional.mseLoss} and
 * {@code Functional.crossEntropy} are deprecated aliases) and an accuracy helper. Stateless and thread-safe.
 */
public final class Losses {
    private Losses() {
    }

    /**
     * Mean squared error over all elements, {@code mean((output - target)^2)} (PyTorch's {@code mse_loss}).
     *
     * @param output prediction, e.g. firing rates [B, C]
     * @param target same shape, e.g. one-hot labels
     * @return scalar loss
     */
    public static Tensor mse(Tensor output, Tensor target) {
        if (!Arrays.equals(output.shape(), target.shape())) {
            throw new IllegalArgumentException("mse: output shape " + Arrays.toString(output.shape())
                    + " differs from target shape " + Arrays.toString(target.shape()));
        }
        return output.sub(target).square().mean();
    }

    /**
     * Cross-entropy of scores against labels, mean over the batch (log-softmax computed stably):
     * {@code -(1/n) sum_i logSoftmax(x)[i, label_i]}.
     *
     * @param scores [B, C] (logits, or firing rates used as scores)
     * @param labels B labels in [0, C)
     * @return scalar loss
     */
    public static Tensor crossEntropy(Tensor scores, int[] labels) {
        return crossEntropy(scores, labels, 0.0);
    }

    /**
     * Cross-entropy with label smoothing (PyTorch's {@code cross_entropy(..., label_smoothing=eps)}): the target
     * of row i is {@code q = (1 - eps) onehot(label_i) + eps / C}, and
     * {@code loss = -(1/B) sum_i sum_c q_c logSoftmax(x)[i, c]}.
     *
     * @param scores [B, C]
     * @param labels B labels in [0, C)
     * @param smoothing eps in [0, 1]
     * @return scalar loss
     */
    public static Tensor crossEntropy(Tensor scores, int[] labels, double smoothing) {
        if (!(smoothing >= 0 && smoothing <= 1)) {
            throw new IllegalArgumentException("crossEntropy label smoothing must be in [0, 1], got " + smoothing);
        }
        requireRows("crossEntropy", scores, labels);
        int c = (int) scores.size(1);
        INDArray q = Tensor.oneHot(labels, c).value().castTo(scores.dataType()).muli(1 - smoothing)
                .addi(smoothing / c);
        return Functional.logSoftmax(scores).mul(Tensor.of(q)).sum().div(-labels.length);
    }

    /**
     * Negative log-likelihood of log-probabilities (PyTorch's {@code nll_loss}):
     * {@code -(1/B) sum_i logProbs[i, label_i]}.
     *
     * @param logProbs [B, C], e.g. from {@code Functional.logSoftmax}
     * @param labels B labels in [0, C)
     * @return scalar loss
     */
    public static Tensor nll(Tensor logProbs, int[] labels) {
        requireRows("nll", logProbs, labels);
        INDArray oneHot = Tensor.oneHot(labels, (int) logProbs.size(1)).value().castTo(logProbs.dataType());
        return logProbs.mul(Tensor.of(oneHot)).sum().div(-labels.length);
    }

    /**
     * Binary cross-entropy on logits, mean over all elements, computed stably (PyTorch's
     * {@code binary_cross_entropy_with_logits}):
     *
     * <pre>
     *   l = max(x, 0) - x t + log(1 + exp(-|x|))        dl/dx = sigmoid(x) - t,   dl/dt = -x
     * </pre>
     *
     * @param logits x, any shape
     * @param targets t, same shape, usually in [0, 1]
     * @return scalar loss
     */
    public static Tensor bceWithLogits(Tensor logits, Tensor targets) {
        if (!Arrays.equals(logits.shape(), targets.shape()) || logits.dataType() != targets.dataType()) {
            throw new IllegalArgumentException("bceWithLogits: logits " + Arrays.toString(logits.shape()) + " "
                    + logits.dataType() + " and targets " + Arrays.toString(targets.shape()) + " "
                    + targets.dataType() + " must have one shape and type");
        }
        INDArray x = logits.value();
        INDArray t = targets.value();
        double n = x.length();
        INDArray softplus = Transforms.log(Transforms.exp(Transforms.abs(x, true).negi(), false).addi(1), false);
        INDArray l = Transforms.relu(x, true).subi(x.mul(t)).addi(softplus);
        INDArray loss = org.nd4j.linalg.factory.Nd4j.scalar(x.dataType(), l.sumNumber().doubleValue() / n);
        return Tensor.fromOp("bceWithLogits", loss, g -> {
            double s = g.getDouble(0) / n;
            if (logits.requiresGrad()) {
                logits.accumulateGrad(Transforms.sigmoid(x, true).subi(t).muli(s));
            }
            if (targets.requiresGrad()) {
                targets.accumulateGrad(x.mul(-s));
            }
        }, logits, targets);
    }

    /**
     * Firing-rate regulariser: penalises each neuron's mean rate outside the band {@code [low, high]}. With
     * {@code r_n} the mean of the spikes of neuron n over every dimension but the last (time, batch, ...):
     *
     * <pre>
     *   loss = (1/N) sum_n ( max(0, low - r_n)^2 + max(0, r_n - high)^2 )
     * </pre>
     *
     * Gradients reach the spikes (and through the soma's surrogate, the weights).
     *
     * @param spikes spike tensor, e.g. [T, B, N], rank at least 2
     * @param low lowest wanted rate, in [0, high]
     * @param high highest wanted rate
     * @return scalar penalty, 0 inside the band
     */
    public static Tensor firingRateRegularizer(Tensor spikes, double low, double high) {
        if (spikes.rank() < 2) {
            throw new IllegalArgumentException("firingRateRegularizer needs spikes of rank >= 2 ([..., neurons]), got "
                    + Arrays.toString(spikes.shape()));
        }
        if (!(low >= 0 && low <= high) || Double.isInfinite(high)) {
            throw new IllegalArgumentException("firingRateRegularizer needs 0 <= low <= high < infinity, got ["
                    + low + ", " + high + "]");
        }
        int[] dims = new int[spikes.rank() - 1];
        for (int k = 0; k < dims.length; k++) {
            dims[k] = k;
        }
        Tensor rates = spikes.mean(dims);
        Tensor below = rates.rsub(low).relu().square();
        Tensor above = rates.sub(high).relu().square();
        return below.add(above).mean();
    }

    /**
     * Number of rows whose largest score is at the label (ties go to the lowest index, like argmax).
     *
     * @param scores [B, C]
     * @param labels B labels
     * @return count of correct predictions
     */
    public static int correct(Tensor scores, int[] labels) {
        if (scores.rank() != 2 || scores.size(0) != labels.length) {
            throw new IllegalArgumentException("correct: scores " + Arrays.toString(scores.shape()) + " do not match "
                    + labels.length + " labels");
        }
        float[] s = scores.toFloatArray();
        int c = (int) scores.size(1);
        int hits = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int k = 1; k < c; k++) {
                if (s[i * c + k] > s[i * c + best]) {
                    best = k;
                }
            }
            hits += best == labels[i] ? 1 : 0;
        }
        return hits;
    }

    private static void requireRows(String what, Tensor scores, int[] labels) {
        if (scores.rank() != 2 || scores.size(0) != labels.length) {
            throw new IllegalArgumentException(what + ": scores " + Arrays.toString(scores.shape()) + " do not match "
                    + labels.length + " labels (expected [" + labels.length + ", classes])");
        }
    }
}
