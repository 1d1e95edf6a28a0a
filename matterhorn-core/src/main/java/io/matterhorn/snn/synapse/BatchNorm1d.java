package io.matterhorn.snn.synapse;

/**
 * Batch normalisation, PyTorch's {@code BatchNorm1d(num_features, eps=1e-5, momentum=0.1, affine=True,
 * track_running_stats=True)}. Input per step: {@code [B, C]} or {@code [B, C, L]}. In multi-step mode one
 * module normalises {@code [T, B, C(, L)]} over all T*B samples (see {@link BatchNormBase} for the statistics,
 * modes and state):
 *
 * <pre>
 *   y = (x - mean_c) / sqrt(var_c + eps) * weight_c + bias_c
 * </pre>
 */
public class BatchNorm1d extends BatchNormBase {
    /**
     * eps 1e-5, momentum 0.1, affine, running statistics tracked.
     *
     * @param numFeatures channels C
     */
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /**
     * @param numFeatures channels C
     * @param eps added to the variance, positive
     * @param momentum weight of a new batch in the running statistics, in [0, 1], or null for a cumulative average
     * @param affine whether to learn a per-channel scale and shift
     * @param trackRunningStats whether to keep running statistics (and use them in evaluation mode)
     */
    public BatchNorm1d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        this(numFeatures, eps, momentum, affine, trackRunningStats, false);
    }

    /**
     * @param numFeatures channels C
     * @param eps added to the variance, positive
     * @param momentum weight of a new batch in the running statistics, in [0, 1], or null for a cumulative average
     * @param affine whether to learn a per-channel scale and shift
     * @param trackRunningStats whether to keep running statistics (and use them in evaluation mode)
     * @param multiStep initial mode
     */
    public BatchNorm1d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats,
            boolean multiStep) {
        super("BatchNorm1d", numFeatures, eps, momentum, affine, trackRunningStats, multiStep);
    }

    @Override
    protected boolean acceptsSampleRank(int perSampleRank) {
        return perSampleRank == 1 || perSampleRank == 2;
    }

    @Override
    protected String[] spatialNames() {
        return new String[] {"L"};
    }
}
