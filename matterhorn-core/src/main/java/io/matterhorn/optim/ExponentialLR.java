package io.matterhorn.optim;

import java.util.Map;

/**
 * Decays the rate by {@code gamma} every epoch: {@code lr(e) = base * gamma^e} (PyTorch's {@code ExponentialLR}).
 * Not thread-safe.
 */
public final class ExponentialLR extends LRScheduler {
    private final double gamma;

    /**
     * @param optimizer the optimiser whose rates are set
     * @param gamma decay factor, positive
     */
    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        this.gamma = requireFactor("ExponentialLR gamma", gamma);
        start();
    }

    @Override
    public double rateAt(int e, double baseRate) {
        return baseRate * Math.pow(gamma, e);
    }

    /** Setting {@code gamma}. */
    @Override
    protected void settings(Map<String, Double> out) {
        out.put("gamma", gamma);
    }
}
