package io.matterhorn.snn.synapse;

import io.matterhorn.snn.InputShape;
import io.matterhorn.tensor.Normalization;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Shared part of {@link BatchNorm1d}, {@link BatchNorm2d} and {@link BatchNorm3d}: PyTorch's batch normalisation
 * over {@code [N, C, *]} (formulas in {@link Normalization#batchNorm}).
 *
 * <p><b>One module shared over time.</b> In multi-step mode the input {@code [T, B, C, ...]} is folded to
 * {@code [T*B, C, ...]}, so the batch statistics are taken over all T*B samples (and all positions), exactly as
 * matterhorn 1.0.1 does, and the running statistics are updated once per call.
 *
 * <p><b>Modes.</b> In training mode ({@link #train()}) the batch statistics normalise and, with
 * {@code trackRunningStats}, update {@code running_mean} and {@code running_var} (momentum 0.1 by default, the
 * unbiased batch variance for the running variance) and count {@code num_batches_tracked}. In evaluation mode
 * ({@link #eval()}) the running statistics normalise; without {@code trackRunningStats} the batch statistics are
 * used in both modes. {@code momentum = null} gives PyTorch's cumulative moving average (factor
 * {@code 1/num_batches_tracked}).
 *
 * <p><b>State.</b> {@code weight} (gamma, starts at 1) and {@code bias} (beta, starts at 0) are trainable when
 * {@code affine}; {@code running_mean} (starts at 0), {@code running_var} (starts at 1) and
 * {@code num_batches_tracked} are registered as buffers ({@link #namedBuffers()}), so they are listed (and saved)
 * with the module but never touched by an optimiser.
 */
public abstract class BatchNormBase extends Synapse {
    private final String kind;
    private final int numFeatures;
    private final double eps;
    private final Double momentum;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;

    /**
     * @param kind class name for messages
     * @param numFeatures channels C, positive
     * @param eps added to the variance, positive
     * @param momentum weight of a new batch in the running statistics, in [0, 1], or null for a cumulative average
     * @param affine whether to learn gamma and beta
     * @param trackRunningStats whether to keep running statistics (and use them in evaluation mode)
     * @param multiStep initial mode
     */
    BatchNormBase(String kind, int numFeatures, double eps, Double momentum, boolean affine,
            boolean trackRunningStats, boolean multiStep) {
        super(multiStep);
        this.kind = kind;
        if (numFeatures <= 0) {
            throw new IllegalArgumentException(kind + ": num_features must be positive, got " + numFeatures);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException(kind + ": eps must be positive, got " + eps);
        }
        if (momentum != null && !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(kind + ": momentum must be in [0, 1] or null, got " + momentum);
        }
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = affine ? registerParameter("weight", Tensor.parameter(Nd4j.ones(DataType.FLOAT, numFeatures),
                true)) : null;
        this.bias = affine ? registerParameter("bias", Tensor.parameter(Nd4j.zeros(DataType.FLOAT, numFeatures),
                true)) : null;
        if (trackRunningStats) {
            runningMean = registerBuffer("running_mean", Tensor.parameter(Nd4j.zeros(DataType.FLOAT, numFeatures),
                    false));
            runningVar = registerBuffer("running_var", Tensor.parameter(Nd4j.ones(DataType.FLOAT, numFeatures),
                    false));
            numBatchesTracked = registerBuffer("num_batches_tracked", Tensor.parameter(Nd4j.scalar(0L), false));
        } else {
            runningMean = null;
            runningVar = null;
            numBatchesTracked = null;
        }
    }

    /**
     * @param perSampleRank rank of one sample (without the batch axis)
     * @return whether this module accepts it (1-d: 1 or 2, 2-d: 3, 3-d: 4)
     */
    protected abstract boolean acceptsSampleRank(int perSampleRank);

    /** @return the dimensions after the channel axis, for messages, e.g. {"H", "W"} */
    protected abstract String[] spatialNames();

    /** @return gamma [C], or null without affine */
    public Tensor weight() {
        return weight;
    }

    /** @return beta [C], or null without affine */
    public Tensor bias() {
        return bias;
    }

    /** @return the running means [C] (the live buffer, updated in place), or null without running statistics */
    public INDArray runningMean() {
        return runningMean == null ? null : runningMean.value();
    }

    /** @return the running variances [C] (the live buffer), or null without running statistics */
    public INDArray runningVar() {
        return runningVar == null ? null : runningVar.value();
    }

    /** @return how many training batches updated the running statistics (0 without them) */
    public long numBatchesTracked() {
        return numBatchesTracked == null ? 0 : numBatchesTracked.value().getLong(0);
    }

    /** @return number of channels C */
    public int numFeatures() {
        return numFeatures;
    }

    /**
     * Copies values into gamma and beta.
     *
     * @param gamma [C], or null to keep
     * @param beta [C], or null to keep
     */
    public void load(INDArray gamma, INDArray beta) {
        copyInto("weight", weight, gamma);
        copyInto("bias", bias, beta);
    }

    /**
     * Copies values into the running statistics.
     *
     * @param mean [C], or null to keep
     * @param var [C], or null to keep
     */
    public void loadRunningStats(INDArray mean, INDArray var) {
        copyInto("running_mean", runningMean, mean);
        copyInto("running_var", runningVar, var);
    }

    private void copyInto(String what, Tensor target, INDArray values) {
        if (values == null) {
            return;
        }
        if (target == null || values.length() != numFeatures) {
            throw new IllegalArgumentException(name() + ".load: " + what + " shape " + Arrays.toString(values.shape())
                    + ", expected " + (target == null ? "none (disabled)" : "[" + numFeatures + "]"));
        }
        target.value().assign(values.reshape(numFeatures));
    }

    /** @return short name for messages, e.g. {@code BatchNorm2d(3)} */
    protected String name() {
        return kind + "(" + numFeatures + ")";
    }

    @Override
    public Tensor forward(Tensor x) {
        int lead = isMultiStep() ? 2 : 1;
        int channelAxis = lead;
        if (x.rank() <= lead || !acceptsSampleRank(x.rank() - lead) || x.size(channelAxis) != numFeatures) {
            String[] names = spatialNames();
            String[] perSample = new String[1 + names.length];
            perSample[0] = Integer.toString(numFeatures);
            System.arraycopy(names, 0, perSample, 1, names.length);
            String expected = InputShape.pattern(isMultiStep(), perSample);
            if (acceptsSampleRank(1) && names.length > 0) {
                expected = InputShape.pattern(isMultiStep(), perSample[0]) + " or " + expected;
            }
            throw InputShape.mismatch(name(), expected, x);
        }
        return super.forward(x);
    }

    @Override
    protected Tensor forwardStep(Tensor x) {
        boolean track = runningMean != null;
        boolean updating = isTraining() && track;
        long batches = numBatchesTracked() + 1;
        double factor = !updating ? 0 : momentum == null ? 1.0 / batches : momentum;
        boolean batchStats = isTraining() || !track;
        Tensor y;
        try {
            y = Normalization.batchNorm(x, weight, bias, track ? runningMean.value() : null,
                    track ? runningVar.value() : null, batchStats, factor, eps);
        } catch (IllegalArgumentException e) {
            throw InputShape.wrap(name(), e);
        }
        if (updating) {
            numBatchesTracked.value().putScalar(0, batches);
        }
        return y;
    }

    @Override
    protected String describe() {
        return kind + "(" + numFeatures + ", eps=" + eps + ", momentum=" + (momentum == null ? "None" : momentum)
                + ", affine=" + (weight != null ? "True" : "False") + ", track_running_stats="
                + (runningMean != null ? "True" : "False") + ")";
    }

    /** @return the value added to the variance */
    public double eps() {
        return eps;
    }

    /** @return the running-statistics momentum, or null for a cumulative average */
    public Double momentum() {
        return momentum;
    }

    /** @return whether gamma and beta are learnt */
    public boolean affine() {
        return weight != null;
    }

    /** @return whether running statistics are kept */
    public boolean trackRunningStats() {
        return runningMean != null;
    }
}
