package io.matterhorn.tensor;

import io.matterhorn.numeric.NormKernels;
import io.matterhorn.numeric.NumBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Differentiable batch and layer normalisation with PyTorch's semantics (formulas and gradients in
 * {@link NormKernels}).
 *
 * <p><b>Batch normalisation</b> of {@code x [N, C, *]}: each channel is normalised over the N samples and all
 * positions ({@code m = N * prod(*)} values). In training mode the batch mean and biased variance are used, and
 * the running statistics (when given) are updated in place as
 *
 * <pre>
 *   running_mean = (1 - momentum) * running_mean + momentum * mean
 *   running_var  = (1 - momentum) * running_var  + momentum * var * m / (m - 1)     (unbiased variance)
 * </pre>
 *
 * In evaluation mode the running statistics normalise instead and are not changed.
 * {@code y = (x - mean) / sqrt(var + eps) * gamma + beta}.
 *
 * <p><b>Layer normalisation</b> of {@code x [*, normalizedShape]}: each sample is normalised over its trailing
 * {@code normalizedShape} dimensions with its own mean and biased variance, then scaled and shifted element-wise
 * by {@code weight} and {@code bias} (both of shape {@code normalizedShape}).
 *
 * <p>float32 or float64; input containing NaN is rejected with an {@link IllegalArgumentException}.
 */
public final class Normalization {
    private Normalization() {
    }

    /**
     * Batch normalisation (see the class comment).
     *
     * @param x input [N, C, *] (rank at least 2)
     * @param gamma scale [C], or null for none
     * @param beta shift [C], or null for none
     * @param runningMean running means [C] (float32 or float64, contiguous), updated in place when training;
     *     may be null when training
     * @param runningVar running variances [C], as {@code runningMean}
     * @param training use batch statistics (and update the running ones) instead of the running statistics
     * @param momentum weight of the new batch in the running statistics, in [0, 1]
     * @param eps added to the variance, &gt; 0
     * @return output, same shape as x
     */
    public static Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, INDArray runningMean, INDArray runningVar,
            boolean training, double momentum, double eps) {
        String op = "batch_norm";
        DataType type = Buffers.commonFloatingType(op, x, gamma, beta);
        if (x.rank() < 2) {
            throw new IllegalArgumentException(op + ": expected input [N, C, *], got " + Arrays.toString(x.shape()));
        }
        int n = Math.toIntExact(x.size(0));
        int c = Math.toIntExact(x.size(1));
        int s = Math.toIntExact(x.length() / Math.max(1, (long) n * c));
        for (Tensor p : new Tensor[] {gamma, beta}) {
            if (p != null && (p.rank() != 1 || p.size(0) != c)) {
                throw new IllegalArgumentException(op + ": expected weight and bias [" + c + "], got "
                        + Arrays.toString(p.shape()));
            }
        }
        if ((runningMean == null) != (runningVar == null)) {
            throw new IllegalArgumentException(op + ": give both running statistics or neither");
        }
        for (INDArray r : new INDArray[] {runningMean, runningVar}) {
            if (r != null && (r.length() != c || !Layout.isRowMajor(r))) {
                throw new IllegalArgumentException(op + ": expected contiguous running statistics [" + c + "], got "
                        + Arrays.toString(r.shape()));
            }
        }
        if (!training && runningMean == null) {
            throw new IllegalArgumentException(op + ": evaluation mode needs running statistics");
        }
        if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(op + ": need eps > 0 and momentum in [0, 1], got eps " + eps
                    + ", momentum " + momentum);
        }
        long m = (long) n * s;
        if (training && m <= 1) {
            throw new IllegalArgumentException(op + ": expected more than 1 value per channel when training, got "
                    + "input " + Arrays.toString(x.shape()));
        }
        INDArray xv = Layout.contiguous(x.value());
        NumBuffer xb = Buffers.of(xv);
        double[] mean = new double[c];
        double[] invStd = new double[c];
        if (training) {
            double[] var = new double[c];
            if (NormKernels.channelStats(xb, n, c, s, mean, var)) {
                throw new IllegalArgumentException(op + ": input contains NaN");
            }
            for (int ch = 0; ch < c; ch++) {
                invStd[ch] = 1.0 / Math.sqrt(var[ch] + eps);
            }
            if (runningMean != null) {
                NumBuffer rm = Buffers.of(runningMean);
                NumBuffer rv = Buffers.of(runningVar);
                for (int ch = 0; ch < c; ch++) {
                    rm.set(ch, (1 - momentum) * rm.get(ch) + momentum * mean[ch]);
                    rv.set(ch, (1 - momentum) * rv.get(ch) + momentum * var[ch] * m / (m - 1));
                }
            }
        } else {
            if (Buffers.hasNaN(xv)) {
                throw new IllegalArgumentException(op + ": input contains NaN");
            }
            NumBuffer rm = Buffers.of(runningMean);
            NumBuffer rv = Buffers.of(runningVar);
            for (int ch = 0; ch < c; ch++) {
                mean[ch] = rm.get(ch);
                invStd[ch] = 1.0 / Math.sqrt(rv.get(ch) + eps);
            }
        }
        INDArray y = Nd4j.createUninitialized(type, x.shape());
        NumBuffer gb = gamma == null ? null : Buffers.of(Layout.contiguous(gamma.value()));
        NumBuffer bb = beta == null ? null : Buffers.of(Layout.contiguous(beta.value()));
        NormKernels.batchNormForward(xb, Buffers.of(y), n, c, s, mean, invStd, gb, bb);
        Tensor[] parents = gamma == null && beta == null ? new Tensor[] {x}
                : gamma == null ? new Tensor[] {x, beta} : beta == null ? new Tensor[] {x, gamma}
                : new Tensor[] {x, gamma, beta};
        return Tensor.fromOp(op, y, g -> {
            INDArray dx = x.requiresGrad() ? Nd4j.createUninitialized(type, x.shape()) : null;
            double[] dGamma = new double[c];
            double[] dBeta = new double[c];
            NormKernels.batchNormBackward(xb, Buffers.of(Layout.contiguous(g)), n, c, s, mean, invStd, gb, training,
                    dx == null ? null : Buffers.of(dx), dGamma, dBeta);
            if (dx != null) {
                x.accumulateGrad(dx);
            }
            if (gamma != null && gamma.requiresGrad()) {
                gamma.accumulateGrad(Buffers.fromDoubles(dGamma, type, c));
            }
            if (beta != null && beta.requiresGrad()) {
                beta.accumulateGrad(Buffers.fromDoubles(dBeta, type, c));
            }
        }, parents);
    }

    /**
     * Layer normalisation over the trailing dimensions (see the class comment).
     *
     * @param x input [*, normalizedShape]
     * @param normalizedShape the trailing shape normalised over
     * @param weight scale, shape {@code normalizedShape}, or null
     * @param bias shift, shape {@code normalizedShape}, or null
     * @param eps added to the variance, &gt; 0
     * @return output, same shape as x
     */
    public static Tensor layerNorm(Tensor x, long[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        String op = "layer_norm";
        DataType type = Buffers.commonFloatingType(op, x, weight, bias);
        int k = normalizedShape.length;
        long[] shape = x.shape();
        if (k == 0 || x.rank() < k
                || !Arrays.equals(Arrays.copyOfRange(shape, shape.length - k, shape.length), normalizedShape)) {
            throw new IllegalArgumentException(op + ": expected input [*, " + joined(normalizedShape) + "], got "
                    + Arrays.toString(shape));
        }
        for (Tensor p : new Tensor[] {weight, bias}) {
            if (p != null && !Arrays.equals(p.shape(), normalizedShape)) {
                throw new IllegalArgumentException(op + ": expected weight and bias " + Arrays.toString(normalizedShape)
                        + ", got " + Arrays.toString(p.shape()));
            }
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException(op + ": eps must be > 0, got " + eps);
        }
        int m = 1;
        for (long d : normalizedShape) {
            m = Math.multiplyExact(m, Math.toIntExact(d));
        }
        int rows = Math.toIntExact(x.length() / m);
        int cols = m;
        INDArray xv = Layout.contiguous(x.value());
        NumBuffer xb = Buffers.of(xv);
        NumBuffer wb = weight == null ? null : Buffers.of(Layout.contiguous(weight.value()));
        NumBuffer bb = bias == null ? null : Buffers.of(Layout.contiguous(bias.value()));
        INDArray y = Nd4j.createUninitialized(type, shape);
        double[] mean = new double[rows];
        double[] rstd = new double[rows];
        if (NormKernels.layerNormForward(xb, Buffers.of(y), rows, cols, eps, wb, bb, mean, rstd)) {
            throw new IllegalArgumentException(op + ": input contains NaN");
        }
        Tensor[] parents = weight == null && bias == null ? new Tensor[] {x}
                : weight == null ? new Tensor[] {x, bias} : bias == null ? new Tensor[] {x, weight}
                : new Tensor[] {x, weight, bias};
        return Tensor.fromOp(op, y, g -> {
            INDArray dx = x.requiresGrad() ? Nd4j.createUninitialized(type, shape) : null;
            double[] dw = weight != null && weight.requiresGrad() ? new double[cols] : null;
            double[] db = bias != null && bias.requiresGrad() ? new double[cols] : null;
            NormKernels.layerNormBackward(xb, Buffers.of(Layout.contiguous(g)), rows, cols, mean, rstd, wb,
                    dx == null ? null : Buffers.of(dx), dw, db);
            if (dx != null) {
                x.accumulateGrad(dx);
            }
            if (dw != null) {
                weight.accumulateGrad(Buffers.fromDoubles(dw, type, normalizedShape));
            }
            if (db != null) {
                bias.accumulateGrad(Buffers.fromDoubles(db, type, normalizedShape));
            }
        }, parents);
    }

    private static String joined(long[] shape) {
        String s = Arrays.toString(shape);
        return s.substring(1, s.length() - 1);
    }
}
