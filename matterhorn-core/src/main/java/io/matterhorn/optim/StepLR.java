package io.matterhorn.optim;

import java.util.Map;

/**
 * Decays the rate by {@code gamma} every {@code stepSize} epochs: {@code lr(e) = base * gamma^floor(e / stepSize)}
 * (PyTorch's {@code StepLR}). Not thread-safe.
 */
public final class StepLR extends LRScheduler {
    private final int stepSize;
    private final double gamma;

    /**
     * @param optimizer the optimiser whose rates are set
     * @param stepSize epochs between decays, positive
     * @param gamma decay factor, positive (PyTorch default 0.1)
     */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        this.stepSize = requirePositive("StepLR stepSize", stepSize);
        this.gamma = requireFactor("StepLR gamma", gamma);
        start();
    }

    @Override
    public double rateAt(int e, double baseRate) {
        return baseRate * Math.pow(gamma, e / stepSize);
    }

    /** Settings {@code step_size}, {@code gamma}. */
    @Override
    protected void settings(Map<String, Double> out) {
        out.put("step_size", (double) stepSize);
        out.put("gamma", gamma);
    }
}
