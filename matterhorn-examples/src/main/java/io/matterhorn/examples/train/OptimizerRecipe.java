package io.matterhorn.examples.train;

import io.matterhorn.optim.Adam;
import io.matterhorn.optim.AdamW;
import io.matterhorn.optim.CosineAnnealingLR;
import io.matterhorn.optim.LRScheduler;
import io.matterhorn.optim.LinearWarmup;
import io.matterhorn.optim.Optimizer;
import io.matterhorn.tensor.Tensor;
import java.util.List;
import java.util.Locale;

/**
 * How the MNIST examples optimise: Adam or AdamW, optional gradient clipping by global norm, and the cosine
 * schedule with an optional linear warm-up in front.
 *
 * @param optimizer {@code "adam"} (L2 decay in the gradient) or {@code "adamw"} (decoupled decay)
 * @param weightDecay weight decay, non-negative
 * @param clipNorm largest global gradient norm, or 0 for no clipping
 * @param warmupEpochs epochs of linear warm-up before the cosine schedule, 0 for none
 * @param warmupStart fraction of the learning rate at the first warm-up epoch, in (0, 1]
 */
public record OptimizerRecipe(String optimizer, double weightDecay, double clipNorm, int warmupEpochs,
        double warmupStart) {

    /** The examples' original recipe: Adam, no decay, no clipping, no warm-up. */
    public static final OptimizerRecipe ADAM = new OptimizerRecipe("adam", 0.0, 0.0, 0, 1.0);

    /** Validates every field. */
    public OptimizerRecipe {
        optimizer = optimizer == null ? "" : optimizer.toLowerCase(Locale.ROOT);
        if (!optimizer.equals("adam") && !optimizer.equals("adamw")) {
            throw new IllegalArgumentException("optimizer must be 'adam' or 'adamw', got '" + optimizer + "'");
        }
        if (!(weightDecay >= 0) || !(clipNorm >= 0) || warmupEpochs < 0) {
            throw new IllegalArgumentException("weight decay, clip norm and warm-up epochs must be non-negative (got "
                    + weightDecay + ", " + clipNorm + ", " + warmupEpochs + ")");
        }
        if (!(warmupStart > 0 && warmupStart <= 1)) {
            throw new IllegalArgumentException("warm-up start factor must be in (0, 1], got " + warmupStart);
        }
    }

    /**
     * @param params parameters to train
     * @param learningRate peak learning rate
     * @return the optimiser
     */
    public Optimizer optimizer(List<Tensor> params, double learningRate) {
        return optimizer.equals("adamw")
                ? AdamW.builder(params).learningRate(learningRate).weightDecay(weightDecay).build()
                : Adam.builder(params).learningRate(learningRate).weightDecay(weightDecay).build();
    }

    /**
     * @param optimizer the optimiser from {@link #optimizer(List, double)}
     * @param cosineEpochs {@code T_max} of the cosine part
     * @return the schedule to step once per epoch
     */
    public LRScheduler schedule(Optimizer optimizer, int cosineEpochs) {
        LRScheduler cosine = new CosineAnnealingLR(optimizer, cosineEpochs);
        return warmupEpochs == 0 ? cosine : new LinearWarmup(cosine, warmupEpochs, warmupStart);
    }

    /** @return a short description for headlines */
    public String describe() {
        return optimizer + (weightDecay > 0 ? " wd " + weightDecay : "") + (clipNorm > 0 ? ", clip " + clipNorm : "")
                + (warmupEpochs > 0 ? ", warm-up " + warmupEpochs + " from " + warmupStart : "");
    }
}
