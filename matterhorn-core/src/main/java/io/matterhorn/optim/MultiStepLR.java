package io.matterhorn.optim;

import java.util.Map;

/**
 * Decays the rate by {@code gamma} at each milestone epoch: {@code lr(e) = base * gamma^(number of milestones
 * <= e)} (PyTorch's {@code MultiStepLR}). Not thread-safe.
 */
public final class MultiStepLR extends LRScheduler {
    private final int[] milestones;
    private final double gamma;

    /**
     * @param optimizer the optimiser whose rates are set
     * @param milestones strictly increasing positive epochs
     * @param gamma decay factor, positive
     */
    public MultiStepLR(Optimizer optimizer, int[] milestones, double gamma) {
        super(optimizer);
        if (milestones == null || milestones.length == 0) {
            throw new IllegalArgumentException("MultiStepLR needs at least one milestone");
        }
        for (int i = 0; i < milestones.length; i++) {
            if (milestones[i] <= 0 || (i > 0 && milestones[i] <= milestones[i - 1])) {
                throw new IllegalArgumentException("MultiStepLR milestones must be positive and strictly increasing,"
                        + " got " + java.util.Arrays.toString(milestones));
            }
        }
        this.milestones = milestones.clone();
        this.gamma = requireFactor("MultiStepLR gamma", gamma);
        start();
    }

    @Override
    public double rateAt(int e, double baseRate) {
        int passed = 0;
        for (int m : milestones) {
            passed += m <= e ? 1 : 0;
        }
        return baseRate * Math.pow(gamma, passed);
    }

    /** Settings {@code gamma}, {@code milestones.i}. */
    @Override
    protected void settings(Map<String, Double> out) {
        out.put("gamma", gamma);
        for (int i = 0; i < milestones.length; i++) {
            out.put("milestones." + i, (double) milestones[i]);
        }
    }
}
