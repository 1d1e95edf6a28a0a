package io.matterhorn.snn.synapse;

import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/** Folds time into the batch around a per-step function: {@code [T, B, ...] -> [T*B, ...] -> [T, B, ...]}. */
public final class TimeFolding {
    private TimeFolding() {
    }

    /**
     * @param x sequence [T, B, ...], rank at least 2
     * @param step function of [T*B, ...]
     * @return step's result unfolded to [T, B, ...]
     */
    public static Tensor apply(Tensor x, UnaryOperator<Tensor> step) {
        long[] s = x.shape();
        long[] folded = new long[s.length - 1];
        folded[0] = s[0] * s[1];
        System.arraycopy(s, 2, folded, 1, s.length - 2);
        Tensor y = step.apply(x.reshape(folded));
        long[] ys = y.shape();
        if (ys.length < 1 || ys[0] != folded[0]) {
            throw new IllegalStateException("per-step output " + Arrays.toString(ys) + " lost the folded batch "
                    + folded[0]);
        }
        long[] unfolded = new long[ys.length + 1];
        unfolded[0] = s[0];
        unfolded[1] = s[1];
        System.arraycopy(ys, 1, unfolded, 2, ys.length - 1);
        return y.reshape(unfolded);
    }
}
