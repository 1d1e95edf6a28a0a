package io.matterhorn.snn.decoder;

import io.matterhorn.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * First-spike time (matterhorn 1.0.1's {@code MinTimeDecoder}), {@code [T, B, ...] -> [B, ...]}:
 *
 * <pre>
 *   y[...] = min { t : x[t, ...] &gt; 0 } + c     if the neuron fired at least once in this call
 *   y[...] = -1                               if it never fired
 *   c := c + T after the call
 * </pre>
 *
 * where {@code c} is the step counter {@code current_time_step}. It starts at 0 and, when
 * {@code resetAfterProcess} is true (the default), is set back to 0 after every call, so y is the 0-based index
 * of the first spike of the sequence. With {@code resetAfterProcess = false} consecutive calls count time on
 * from the previous ones. {@link #reset()} sets the counter to 0. Any value above 0 counts as a spike; for 0/1
 * spike trains this is 1.0.1's {@code argmax} over time.
 *
 * <p><b>Difference from 1.0.1 (docs/differences-from-1.0.1.md #10):</b> 1.0.1 always crashes here (it subtracts a float
 * mask from the int64 result of {@code argmax} in place). This port returns the intended value as a float tensor (the
 * input's type), with -1 for silent neurons whatever the counter.
 *
 * <p>The result is not differentiable: it is a constant (no gradient flows back to x).
 */
public class MinTimeDecoder extends Decoder {
    private final boolean resetAfterProcess;
    private long currentTimeStep;

    /** A decoder that resets its counter after every call. */
    public MinTimeDecoder() {
        this(true);
    }

    /**
     * @param resetAfterProcess set the step counter back to 0 after every call
     */
    public MinTimeDecoder(boolean resetAfterProcess) {
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
     * @param x spike trains, shape [T, B, ...]
     * @return first-spike times (or -1), shape [B, ...], same type as x, constant
     */
    @Override
    public Tensor forward(Tensor x) {
        requireSequence(x);
        int steps = (int) x.size(0);
        long[] shape = x.shape();
        long[] outShape = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        // a fresh row-major copy: the buffer of a view may hold elements before and after it
        double[] values = x.value().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int neurons = (int) (x.length() / steps);
        double[] y = new double[neurons];
        java.util.Arrays.fill(y, -1.0);
        for (int t = steps - 1; t >= 0; t--) {
            int base = t * neurons;
            for (int i = 0; i < neurons; i++) {
                if (values[base + i] > 0) {
                    y[i] = t + currentTimeStep;
                }
            }
        }
        currentTimeStep = resetAfterProcess ? 0 : currentTimeStep + steps;
        INDArray out = Nd4j.create(y, outShape, 'c').castTo(x.dataType());
        return Tensor.of(out);
    }

    @Override
    protected String describe() {
        return "MinTimeDecoder(reset_after_process=" + resetAfterProcess + ")";
    }

    /** @return whether the step counter is set back to 0 after every call */
    public boolean resetAfterProcess() {
        return resetAfterProcess;
    }
}
