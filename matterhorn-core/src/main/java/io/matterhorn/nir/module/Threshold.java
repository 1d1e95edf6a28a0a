package io.matterhorn.nir.module;

import io.matterhorn.snn.InputChecks;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A stateless per-neuron threshold (NIR {@code Threshold}): {@code z = H(x - threshold)} with {@code H(0) = 1},
 * the surrogate derivative {@code g(x - threshold)} in the backward pass (to x and to the threshold). The step is
 * {@link Surrogate#apply}, the same one every spiking soma fires with: the tensor form of the one definition,
 * {@link io.matterhorn.neuron.ThresholdNeuron} (which the streaming runtime steps). Parameter {@code threshold} of
 * shape
 * {@code neuronShape}, trainable. Works in both step modes: input {@code [..., ...neuronShape]} with any leading
 * dimensions ({@code [B, ...]} or {@code [T, B, ...]}). Not thread-safe (parameters).
 */
public final class Threshold extends Module {
    private final long[] neuronShape;
    private final Surrogate spikingFunction;
    private final Tensor threshold;

    /**
     * @param neuronShape shape of one sample's neurons
     * @param spikingFunction surrogate of the step (null: {@link Rectangular})
     */
    public Threshold(long[] neuronShape, Surrogate spikingFunction) {
        if (neuronShape == null || neuronShape.length == 0 || Arrays.stream(neuronShape).anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("Threshold: neuron shape must have positive dimensions, got "
                    + Arrays.toString(neuronShape));
        }
        this.neuronShape = neuronShape.clone();
        this.spikingFunction = spikingFunction == null ? new Rectangular() : spikingFunction;
        this.threshold = registerParameter("threshold", Tensor.parameter(Nd4j.ones(DataType.FLOAT, neuronShape), true));
    }

    /** @return shape of one sample's neurons (a copy) */
    public long[] neuronShape() {
        return neuronShape.clone();
    }

    /** @return the surrogate of the step */
    public Surrogate spikingFunction() {
        return spikingFunction;
    }

    /** @return the threshold parameter, shape {@code neuronShape} */
    public Tensor threshold() {
        return threshold;
    }

    /**
     * @param x input [..., ...neuronShape]
     * @return spikes (0 or 1), same shape
     */
    @Override
    public Tensor forward(Tensor x) {
        InputChecks.requireFloatingInput("Threshold", x);
        long[] s = x.shape();
        int lead = s.length - neuronShape.length;
        if (lead < 1 || !Arrays.equals(Arrays.copyOfRange(s, lead, s.length), neuronShape)) {
            throw new IllegalArgumentException("Threshold: expected [..., " + Arrays.toString(neuronShape)
                    .replaceAll("[\\[\\]]", "") + "], got " + Arrays.toString(s));
        }
        long rows = 1;
        for (int d = 0; d < lead; d++) {
            rows *= s[d];
        }
        long n = threshold.length();
        return spikingFunction.apply(x.reshape(rows, n).sub(threshold.reshape(n))).reshape(s).markSpikeValued();
    }

    @Override
    protected String describe() {
        return "Threshold(shape=" + Arrays.toString(neuronShape) + ", spiking_function=" + spikingFunction + ")";
    }
}
