package io.matterhorn.tensor;

import io.matterhorn.numeric.FloatTranspose;
import io.matterhorn.numeric.NarrowMatmul;
import io.matterhorn.numeric.SparseRows;
import io.matterhorn.numeric.SpikeMatmul;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Differentiable operations that combine several tensors: matrix products, the affine map of a linear layer,
 * softmax and losses.
 */
public final class Functional {
    private Functional() {
    }

    /**
     * Matrix product of 2-D tensors: {@code C = A B}. dA = dC B^T, dB = A^T dC.
     *
     * @param a shape [n, k]
     * @param b shape [k, m]
     * @return shape [n, m]
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        if (a.rank() != 2 || b.rank() != 2 || a.size(1) != b.size(0)) {
            throw new IllegalArgumentException("matmul needs [n, k] x [k, m], got " + Arrays.toString(a.shape())
                    + " x " + Arrays.toString(b.shape()));
        }
        INDArray av = a.value();
        INDArray bv = b.value();
        return Tensor.fromOp("matmul", av.mmul(bv), g -> {
            if (a.requiresGrad()) {
                a.accumulateGrad(g.mmul(bv.transpose()));
            }
            if (b.requiresGrad()) {
                b.accumulateGrad(av.transpose().mmul(g));
            }
        }, a, b);
    }

    /**
     * Affine map of a linear layer, {@code y = x W^T + b}.
     *
     * <p>When {@code x} is marked spike-valued and float32, the forward product and the weight gradient run
     * event-driven ({@link SpikeMatmul}), adding weight rows only for non-zero inputs; otherwise ND4J's GEMM runs.
     * In float32, gradient products whose inner dimension is at most {@link NarrowMatmul#MAX_INNER} (the input
     * gradient {@code g W} with at most that many outputs, the weight gradient {@code g^T x} with at most that many
     * rows) run as {@link NarrowMatmul}. All paths give the same numbers up to float rounding order.
     *
     * @param x input, shape [n, in]
     * @param w weight, shape [out, in]
     * @param b bias, shape [out], or {@code null}
     * @return output, shape [n, out]
     */
    public static Tensor linear(Tensor x, Tensor w, Tensor b) {
        if (x.rank() != 2 || w.rank() != 2 || x.size(1) != w.size(1)) {
            throw new IllegalArgumentException("linear: input " + Arrays.toString(x.shape()) + " does not match weight "
                    + Arrays.toString(w.shape()) + " (expected input [n, " + w.size(1) + "])");
        }
        if (b != null && (b.rank() != 1 || b.size(0) != w.size(0))) {
            throw new IllegalArgumentException("linear: bias shape " + Arrays.toString(b.shape()) + ", expected ["
                    + w.size(0) + "]");
        }
        if (x.dataType() != w.dataType() || (b != null && b.dataType() != w.dataType())) {
            throw new IllegalArgumentException("linear: input dtype " + x.dataType() + (b == null ? ""
                    : ", bias dtype " + b.dataType()) + ", expected the weight dtype " + w.dataType());
        }
        boolean sparse = x.isSpikeValued() && x.dataType() == DataType.FLOAT && w.dataType() == DataType.FLOAT;
        SparseRows attached = x.sparseRows();
        // spike lists attached by the producer make the dense value unnecessary (it may not even be computed)
        INDArray xv = sparse && attached != null && attached.cols() == x.size(1) ? null
                : Layout.contiguous(x.value());
        INDArray wv = w.value();
        int rows = (int) x.size(0);
        int in = (int) x.size(1);
        int out = (int) w.size(0);
        INDArray y;
        SparseRows xs = null;
        if (sparse) {
            y = Nd4j.createUninitialized(DataType.FLOAT, rows, out);
            xs = xv == null ? attached : SparseRows.compress(Layout.floats(xv), Layout.offset(xv), rows, in);
            // W^T [in, out] by a Java transpose: an ND4J copy of the transposed view costs more to start than this
            float[] wt = new float[in * out];
            FloatTranspose.transpose(Layout.toFloatArray(wv), out, in, wt);
            SpikeMatmul.forward(xs, FloatBuffer.wrap(wt), 0, Layout.floats(y), 0, out);
        } else {
            y = xv.mmul(wv.transpose());
        }
        SparseRows xSparse = xs;
        if (b != null) {
            y.addiRowVector(b.value());
        }
        Tensor[] parents = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
        return Tensor.fromOp("linear", y, g -> {
            if (x.requiresGrad()) {
                x.accumulateGrad(narrowFloat(g, wv) ? narrowProduct(g, wv) : g.mmul(wv));
            }
            if (w.requiresGrad()) {
                if (xSparse != null) {
                    INDArray gc = Layout.contiguous(g);
                    float[] dwt = SpikeMatmul.weightGradient(xSparse, Layout.floats(gc), Layout.offset(gc), out);
                    // dW [out, in] row-major, so that the parameter's gradient is summed by a plain loop
                    float[] dw = new float[in * out];
                    FloatTranspose.transpose(dwt, in, out, dw);
                    w.takeGrad(Layout.fromFloats(dw, out, in));
                } else {
                    // dW = g^T x: the inner dimension is the batch, often small enough for NarrowMatmul (BLAS
                    // spends more on setting up such a product than on computing it)
                    INDArray gt = g.transpose();
                    w.accumulateGrad(narrowFloat(gt, xv) ? narrowProduct(gt, xv) : gt.mmul(xv));
                }
            }
            if (b != null && b.requiresGrad()) {
                b.accumulateGrad(g.sum(0));
            }
        }, parents);
    }

    private static boolean narrowFloat(INDArray a, INDArray b) {
        return a.dataType() == DataType.FLOAT && b.dataType() == DataType.FLOAT && a.size(1) <= NarrowMatmul.MAX_INNER;
    }

    /** {@code a b} by {@link NarrowMatmul}, for float32 {@code a} [n, k] with small k and {@code b} [k, m]. */
    private static INDArray narrowProduct(INDArray a, INDArray b) {
        INDArray ac = Layout.contiguous(a);
        int n = (int) a.size(0);
        int k = (int) a.size(1);
        int m = (int) b.size(1);
        INDArray bc = Layout.contiguous(b);
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, n, m);
        NarrowMatmul.multiply(Layout.floats(ac), Layout.offset(ac), n, k,
                SpikeMatmul.rows(Layout.floats(bc), Layout.offset(bc), k, m), Layout.floats(c), 0);
        return c;
    }

    /**
     * Log-softmax over the last dimension of a 2-D tensor, computed stably:
     * {@code y = x - max - log(sum(exp(x - max)))}. dx = g - softmax * sum(g).
     *
     * @param x shape [n, c]
     * @return shape [n, c]
     */
    public static Tensor logSoftmax(Tensor x) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("logSoftmax expects [n, classes], got " + Arrays.toString(x.shape()));
        }
        INDArray xv = x.value();
        INDArray shifted = xv.subColumnVector(xv.max(1).reshape(-1, 1));
        INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(1), false).reshape(-1, 1);
        INDArray y = shifted.subiColumnVector(lse);
        return Tensor.fromOp("logSoftmax", y, g -> {
            INDArray soft = Transforms.exp(y, true);
            x.accumulateGrad(g.sub(soft.muliColumnVector(g.sum(1).reshape(-1, 1))));
        }, x);
    }

    /**
     * Mean squared error over all elements, {@code mean((y - t)^2)} (PyTorch's {@code mse_loss}).
     *
     * @param output prediction, any shape
     * @param target same shape as {@code output}
     * @return scalar loss
     * @deprecated one name per loss: use {@code io.matterhorn.optim.Losses.mse}; this alias goes in the next
     *     release
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static Tensor mseLoss(Tensor output, Tensor target) {
        if (!Arrays.equals(output.shape(), target.shape())) {
            throw new IllegalArgumentException("mseLoss: output shape " + Arrays.toString(output.shape())
                    + " differs from target shape " + Arrays.toString(target.shape()));
        }
        return output.sub(target).square().mean();
    }

    /**
     * Cross-entropy of logits against class labels, averaged over the batch:
     * {@code -(1/n) sum_i logSoftmax(x)[i, label_i]}.
     *
     * @param logits shape [n, c]
     * @param labels n labels in [0, c)
     * @return scalar loss
     * @deprecated one name per loss: use {@code io.matterhorn.optim.Losses.crossEntropy}; this alias goes in the
     *     next release
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static Tensor crossEntropy(Tensor logits, int[] labels) {
        if (logits.rank() != 2 || logits.size(0) != labels.length) {
            throw new IllegalArgumentException("crossEntropy: logits " + Arrays.toString(logits.shape())
                    + " do not match " + labels.length + " labels (expected [" + labels.length + ", classes])");
        }
        Tensor oneHot = Tensor.oneHot(labels, (int) logits.size(1));
        if (logits.dataType() != DataType.FLOAT) {
            oneHot = Tensor.of(oneHot.value().castTo(logits.dataType()));
        }
        return logSoftmax(logits).mul(oneHot).sum().div(-labels.length);
    }

}
