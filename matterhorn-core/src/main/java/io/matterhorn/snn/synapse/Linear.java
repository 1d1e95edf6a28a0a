package io.matterhorn.snn.synapse;

import io.matterhorn.snn.InputChecks;
import io.matterhorn.Matterhorn;
import io.matterhorn.tensor.Functional;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fully connected synapse {@code y = x W^T + b} with {@code W} of shape [out, in] and {@code b} of shape [out].
 * Initialisation as PyTorch's {@code nn.Linear}: W and b uniform in (-1/sqrt(in), 1/sqrt(in)).
 * Spike-valued inputs take an event-driven product (see {@link Functional#linear}).
 */
public class Linear extends Synapse {
    private final int inFeatures;
    private final int outFeatures;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * A single-step linear layer with bias, randomly initialised.
     *
     * @param inFeatures input size
     * @param outFeatures output size
     */
    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    /**
     * A single-step layer initialised from {@link Matterhorn#random()} (reproducible after
     * {@link Matterhorn#seed(long)}).
     *
     * @param inFeatures input size
     * @param outFeatures output size
     * @param bias whether to add a bias
     */
    public Linear(int inFeatures, int outFeatures, boolean bias) {
        this(inFeatures, outFeatures, bias, false, Matterhorn.random());
    }

    /**
     * @param inFeatures input size, positive
     * @param outFeatures output size, positive
     * @param bias whether to add a bias
     * @param multiStep initial step mode
     * @param random source for the initialisation (seed it for reproducible weights)
     * @throws IllegalArgumentException if a size is not positive or the weight would exceed 2^31 - 1 elements
     */
    public Linear(int inFeatures, int outFeatures, boolean bias, boolean multiStep, Random random) {
        super(multiStep);
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("Linear: inFeatures and outFeatures must be positive, got "
                    + inFeatures + " and " + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        int weights = InputChecks.elementCount("Linear(" + inFeatures + ", " + outFeatures + ")",
                "weight [out_features, in_features]", outFeatures, inFeatures);
        double bound = 1.0 / Math.sqrt(inFeatures);
        this.weight = registerParameter("weight", Tensor.parameter(
                Nd4j.create(uniform(random, weights, bound), new long[] {outFeatures, inFeatures},
                        'c'), true));
        this.bias = bias ? registerParameter("bias", Tensor.parameter(
                Nd4j.create(uniform(random, outFeatures, bound), new long[] {outFeatures}, 'c'), true)) : null;
    }

    private static float[] uniform(Random random, int n, double bound) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return v;
    }

    /** @return the weight, [out, in] */
    public Tensor weight() {
        return weight;
    }

    /** @return the bias, [out], or null */
    public Tensor bias() {
        return bias;
    }

    /**
     * Copies values into the weight (and bias).
     *
     * @param w weight values, shape [out, in]
     * @param b bias values, shape [out], or null to leave the bias unchanged
     */
    public void load(org.nd4j.linalg.api.ndarray.INDArray w, org.nd4j.linalg.api.ndarray.INDArray b) {
        if (!Arrays.equals(w.shape(), weight.shape())) {
            throw new IllegalArgumentException("Linear.load: weight shape " + Arrays.toString(w.shape())
                    + ", expected " + Arrays.toString(weight.shape()));
        }
        weight.value().assign(w);
        if (b != null) {
            if (bias == null || !Arrays.equals(b.shape(), bias.shape())) {
                throw new IllegalArgumentException("Linear.load: bias shape " + Arrays.toString(b.shape())
                        + ", expected " + (bias == null ? "none (layer has no bias)" : Arrays.toString(bias.shape())));
            }
            bias.value().assign(b);
        }
    }

    @Override
    protected Tensor forwardStep(Tensor x) {
        if (x.rank() < 1 || x.size(-1) != inFeatures) {
            throw new IllegalArgumentException("Linear(" + inFeatures + ", " + outFeatures + "): expected input ["
                    + (isMultiStep() ? "T, B" : "B") + ", " + inFeatures + "], got " + Arrays.toString(x.shape()));
        }
        InputChecks.requireInput("Linear(" + inFeatures + ", " + outFeatures + ")", x, weight.dataType());
        if (x.rank() == 2) {
            return Functional.linear(x, weight, bias);
        }
        long[] s = x.shape();
        long[] outShape = s.clone();
        outShape[s.length - 1] = outFeatures;
        return Functional.linear(x.reshape(-1, inFeatures), weight, bias).reshape(outShape);
    }

    @Override
    protected String describe() {
        return "Linear(in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null) + ")";
    }

    /** @return the number of input features */
    public int inFeatures() {
        return inFeatures;
    }

    /** @return the number of output features */
    public int outFeatures() {
        return outFeatures;
    }
}
