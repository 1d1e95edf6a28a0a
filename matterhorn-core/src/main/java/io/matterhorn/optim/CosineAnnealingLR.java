package io.matterhorn.optim;

/**
 * Cosine annealing of the learning rate over {@code tMax} epochs (PyTorch's closed form):
 * {@code lr(e) = etaMin + (lr0 - etaMin) (1 + cos(pi e / tMax)) / 2}. Call {@link #step()} once per epoch.
 */
public final class CosineAnnealingLR {
    private final Optimizer optimizer;
    private final int tMax;
    private final double etaMin;
    private final double baseLr;
    private int epoch;

    /**
     * @param optimizer the optimiser whose rate is set
     * @param tMax number of epochs of one half cosine, positive
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0.0);
    }

    /**
     * @param optimizer the optimiser whose rate is set
     * @param tMax number of epochs of one half cosine, positive
     * @param etaMin smallest learning rate
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        if (tMax <= 0) {
            throw new IllegalArgumentException("CosineAnnealingLR tMax must be positive, got " + tMax);
        }
        this.optimizer = optimizer;
        this.tMax = tMax;
        this.etaMin = etaMin;
        this.baseLr = optimizer.learningRate();
    }

    /** Advances one epoch and sets the optimiser's learning rate. */
    public void step() {
        epoch++;
        optimizer.setLearningRate(rateAt(epoch));
    }

    /**
     * @param e epoch number (0 gives the initial rate)
     * @return the learning rate for that epoch
     */
    public double rateAt(int e) {
        return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * e / tMax)) / 2;
    }

    /** @return epochs stepped so far */
    public int epoch() {
        return epoch;
    }
}
