package io.matterhorn.snn.decoder;

import io.matterhorn.tensor.Layout;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * "Average spike time" with the formula of matterhorn 1.0.1's {@code AvgTimeDecoder}, {@code [T, B, ...] ->
 * [B, ...]}:
 *
 * <pre>
 *   y[...] = (1/T^2) sum_{t=0}^{T-1} t * x[t, ...] + c  -  [ mean_t x[t, ...] &lt;= 0 ]
 *   dL/dx[t, ...] = (t / T^2) dL/dy[...]           (the mask [.] and the counter c carry no gradient)
 *   c := c + T after the call
 * </pre>
 *
 * where {@code c} is the step counter {@code current_time_step}; it starts at 0 and, when
 * {@code resetAfterProcess} is true (the default), is set back to 0 after every call. {@link #reset()} sets it
 * to 0.
 *
 * <p><b>WARNING: this is NOT the mean spike time (docs/differences-from-1.0.1.md #11, kept for parity).</b> 1/T appears
 * twice, so for T = 4 a neuron spiking at t = 1 and t = 3 gives (1 + 3)/16 = 0.25 (its mean spike time is 2), one
 * spiking at t = 0, 1, 2 gives 3/16 = 0.1875, and a neuron that never fires gives -1. The result depends on the number
 * of spikes as much as on their times. For the true mean spike time of spike trains compute
 * {@code sum_t t x_t / sum_t x_t} yourself.
 *
 * <p>The result is differentiable in x (the gradient of the weighted sum; the mask is a constant).
 */
public class AvgTimeDecoder extends Decoder {
    private final boolean resetAfterProcess;
    private long currentTimeStep;

    /** A decoder that resets its counter after every call. */
    public AvgTimeDecoder() {
        this(true);
    }

    /**
     * @param resetAfterProcess set the step counter back to 0 after every call
     */
    public AvgTimeDecoder(boolean resetAfterProcess) {
        this.resetAfterProcess = resetAfterProcess;
    }

    /** @return the step counter {@code current_time_step} */
    public long currentTimeStep() {
        return currentTimeStep;
    }

    /** Sets the step counter back to 0. */
    @Override
    public void reset() {
        currentTimeStep = 0;
        super.reset();
    }

    /**
     * @param x spike trains (or any values), shape [T, B, ...]
     * @return shape [B, ...], same type as x; requires gradients when x does
     */
    @Override
    public Tensor forward(Tensor x) {
        requireSequence(x);
        int steps = (int) x.size(0);
        long[] shape = x.shape();
        long[] outShape = Arrays.copyOfRange(shape, 1, shape.length);
        INDArray xv = Layout.contiguous(x.value()).reshape('c', steps, -1);
        double[] w = new double[steps];
        double tt = (double) steps * steps;
        for (int t = 0; t < steps; t++) {
            w[t] = t / tt;
        }
        // weights t / T^2 as a [1, T] row in x's type; y = weights . x over time
        INDArray weights = Nd4j.create(w, new long[] {1, steps}, 'c').castTo(x.dataType());
        INDArray weighted = weights.mmul(xv);
        INDArray silent = xv.mean(0).reshape(1, -1).lte(0.0).castTo(x.dataType());
        INDArray y = weighted.addi(currentTimeStep).subi(silent).reshape('c', outShape);
        currentTimeStep = resetAfterProcess ? 0 : currentTimeStep + steps;
        return Tensor.fromOp("avgTime", y, g -> {
            INDArray row = Layout.contiguous(g).reshape('c', 1, -1);
            x.accumulateGrad(weights.transpose().mmul(row).reshape('c', shape));
        }, x);
    }

    @Override
    protected String describe() {
        return "AvgTimeDecoder(reset_after_process=" + resetAfterProcess + ")";
    }

    /** @return whether the step counter is set back to 0 after every call */
    public boolean resetAfterProcess() {
        return resetAfterProcess;
    }
}
