package io.matterhorn.snn.layer;

import io.matterhorn.snn.InputShape;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;

/**
 * Splits dimension {@code dim} of each step's tensor {@code [B, ...]} into {@code unflattenedSize}, PyTorch's
 * {@code Unflatten(dim, unflattened_size)}; the inverse of {@link Flatten}. Dimensions are counted on the per-step
 * tensor (in multi-step mode dimension 0 is the folded T*B), negative {@code dim} counts from the end, and one size
 * may be -1 (inferred). Example, multi-step: {@code Unflatten(1, 2, 4, 4)} turns {@code [T, B, 32]} into
 * {@code [T, B, 2, 4, 4]}.
 *
 * <p><b>THE OUTPUT IS BINARISED AT 0.5</b> (straight-through gradient), like every matterhorn 1.0.1 {@link Layer}:
 * harmless on spikes, destroys analog values ({@code [0.2, 0.6]} becomes {@code [0, 1]}).
 */
public class Unflatten extends Layer {
    private final int dim;
    private final long[] sizes;

    /**
     * @param dim dimension of the per-step tensor to split; negative counts from the end
     * @param unflattenedSize the sizes it becomes (product = its size; one entry may be -1)
     */
    public Unflatten(int dim, long... unflattenedSize) {
        this(dim, unflattenedSize, false);
    }

    /**
     * @param dim dimension of the per-step tensor to split; negative counts from the end
     * @param unflattenedSize the sizes it becomes (product = its size; one entry may be -1)
     * @param multiStep initial mode
     */
    public Unflatten(int dim, long[] unflattenedSize, boolean multiStep) {
        super(multiStep);
        if (unflattenedSize == null || unflattenedSize.length == 0) {
            throw new IllegalArgumentException("Unflatten: unflattened_size must not be empty");
        }
        int inferred = 0;
        for (long s : unflattenedSize) {
            if (s == -1) {
                inferred++;
            } else if (s <= 0) {
                throw new IllegalArgumentException("Unflatten: sizes must be positive or -1, got "
                        + Arrays.toString(unflattenedSize));
            }
        }
        if (inferred > 1) {
            throw new IllegalArgumentException("Unflatten: at most one size may be -1, got "
                    + Arrays.toString(unflattenedSize));
        }
        this.dim = dim;
        this.sizes = unflattenedSize.clone();
    }

    @Override
    protected Tensor forwardStep(Tensor x) {
        int r = x.rank();
        int d = dim < 0 ? dim + r : dim;
        if (d < 0 || d >= r) {
            throw new IllegalArgumentException(describe() + ": dimension " + dim + " out of range for per-step input "
                    + Arrays.toString(x.shape()));
        }
        long size = x.size(d);
        long known = 1;
        int free = -1;
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] == -1) {
                free = i;
            } else {
                known *= sizes[i];
            }
        }
        long[] split = sizes.clone();
        if (free >= 0) {
            split[free] = known == 0 ? 0 : size / known;
        }
        if (size % known != 0 || (free < 0 && known != size)) {
            throw InputShape.mismatch(describe(), "dimension " + dim + " of size " + (free < 0 ? known : "k*" + known)
                    + " (per step)", x);
        }
        long[] shape = x.shape();
        long[] out = new long[r - 1 + split.length];
        System.arraycopy(shape, 0, out, 0, d);
        System.arraycopy(split, 0, out, d, split.length);
        System.arraycopy(shape, d + 1, out, d + split.length, r - d - 1);
        return x.reshape(out);
    }

    @Override
    protected String describe() {
        return "Unflatten(dim=" + dim + ", unflattened_size=" + Arrays.toString(sizes).replace('[', '(')
                .replace(']', ')') + ")";
    }

    /** @return the split dimension of the per-step tensor (negative counts from the end) */
    public int dim() {
        return dim;
    }

    /** @return the sizes the dimension becomes (a copy) */
    public long[] unflattenedSize() {
        return sizes.clone();
    }
}
