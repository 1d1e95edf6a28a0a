package io.matterhorn.snn.layer;

import io.matterhorn.snn.Module;
import io.matterhorn.tensor.Activations;
import io.matterhorn.tensor.Tensor;
import java.util.Random;

/**
 * Inverted dropout as a module (PyTorch's {@code nn.Dropout}): in training mode each element is zeroed with
 * probability {@code p} and the rest scaled by {@code 1 / (1 - p)} ({@link Activations#dropout}); in evaluation
 * mode ({@link #eval()}) the input passes unchanged. A plain module: it applies to whatever tensor it receives,
 * one step or a whole sequence. The mask comes from the module's own {@link Random}, seeded at construction, so
 * runs repeat. Not thread-safe (the random source is shared by the calls).
 */
public final class Dropout extends Module {
    private final double p;
    private final long seed;
    private final Random rng;

    /**
     * @param p drop probability in [0, 1]
     * @param seed seed of the mask sequence
     */
    public Dropout(double p, long seed) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout probability must be in [0, 1], got " + p);
        }
        this.p = p;
        this.seed = seed;
        this.rng = new Random(seed);
    }

    /** @return the drop probability */
    public double p() {
        return p;
    }

    /** @return the seed given at construction */
    public long seed() {
        return seed;
    }

    @Override
    public boolean isPlain() {
        return true;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Activations.dropout(x, p, isTraining(), rng);
    }

    @Override
    protected String describe() {
        return "Dropout(p=" + p + ")";
    }
}
