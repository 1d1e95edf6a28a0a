package io.matterhorn.tensor;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The comparisons behind {@link Tensor}'s {@code gt}, {@code ge}, {@code lt} and {@code eq}: constant masks (no
 * gradient) holding 1 where the comparison holds and 0 elsewhere, in the input's type, marked spike-valued.
 * Stateless and thread-safe; use the methods of {@link Tensor}.
 */
final class Comparisons {
    private Comparisons() {
    }

    /** 1 where {@code x > c}. */
    static Tensor gt(Tensor x, double c) {
        INDArray v = x.value();
        return Tensor.of(v.gt(c).castTo(v.dataType())).markSpikeValued();
    }

    /** 1 where {@code x >= c}. */
    static Tensor ge(Tensor x, double c) {
        INDArray v = x.value();
        return Tensor.of(v.gte(c).castTo(v.dataType())).markSpikeValued();
    }

    /** 1 where {@code x < c}. */
    static Tensor lt(Tensor x, double c) {
        INDArray v = x.value();
        return Tensor.of(v.lt(c).castTo(v.dataType())).markSpikeValued();
    }

    /** 1 where {@code x == other}; the shapes must be equal. */
    static Tensor eq(Tensor x, Tensor other) {
        INDArray a = x.value();
        INDArray b = other.value();
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException("eq: shapes " + Arrays.toString(a.shape()) + " and "
                    + Arrays.toString(b.shape()) + " differ");
        }
        return Tensor.of(a.eq(b).castTo(a.dataType())).markSpikeValued();
    }
}
