package io.matterhorn.train;

/**
 * The figures of one evaluation pass ({@link Trainer#evaluate(BatchSource)}).
 *
 * @param loss     mean loss over the evaluated batches (NaN when there were none)
 * @param accuracy fraction of samples whose highest score is at their label (NaN when there were none)
 * @param correct  number of samples classified correctly
 * @param samples  number of samples evaluated
 */
public record Evaluation(double loss, double accuracy, long correct, long samples) {
}
