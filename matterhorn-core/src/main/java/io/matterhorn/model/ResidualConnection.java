package io.matterhorn.model;

import io.matterhorn.tensor.Tensor;
import java.util.Arrays;

/**
 * Element-wise spike-element-wise (SEW) connection {@code g(a, s)} of a residual branch output {@code a} and a
 * shortcut {@code s} (same shape, any layout). Stateless.
 */
public enum ResidualConnection {
    /** {@code a + s}: not binary (values reach 2, more when stacked). */
    ADD,
    /** {@code a * s}. */
    AND,
    /** {@code (1 - a) * s}. */
    IAND;

    /**
     * @param a residual branch output
     * @param s shortcut output, same shape
     * @return g(a, s)
     */
    public Tensor apply(Tensor a, Tensor s) {
        if (!Arrays.equals(a.shape(), s.shape())) {
            throw new IllegalArgumentException("SEW " + name() + ": branch " + Arrays.toString(a.shape())
                    + " and shortcut " + Arrays.toString(s.shape()) + " differ");
        }
        switch (this) {
            case ADD:
                return a.add(s);
            case AND:
                return a.mul(s);
            default:
                return a.rsub(1).mul(s);
        }
    }
}
