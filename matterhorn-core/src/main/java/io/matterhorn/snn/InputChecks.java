package io.matterhorn.snn;

import io.matterhorn.numeric.FloatBits;
import io.matterhorn.tensor.Layout;
import io.matterhorn.tensor.Tensor;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The argument and input policy of the modules, in one place, so every module and every kernel backend behaves the
 * same on bad input. Each check throws {@link IllegalArgumentException} whose message names the module, the argument
 * and the expected value:
 *
 * <ul>
 *   <li>sizes: a parameter or buffer must fit in one Java array, at most {@code 2^31 - 1} elements
 *       ({@link #elementCount});</li>
 *   <li>dtype: a synapse takes the dtype of its parameters (float32 unless converted); a soma takes float32 or
 *       float64; integer and boolean inputs are refused ({@link #requireInput}, {@link #requireFloatingInput});</li>
 *   <li>empty input: a tensor with a zero-sized dimension (for example an empty batch {@code [0, 4]}) is refused;</li>
 *   <li>non-finite input: NaN, {@code +Inf} and {@code -Inf} are refused before any state changes, by a scan of the
 *       input before the module's kernel runs, or, for a soma's fused kernel, in that kernel's own pass over the
 *       input, whose outputs are then dropped ({@link #requireFloatingNonEmpty}, {@link #requireFinite}); no result
 *       of a non-finite input ever leaves a backend (their surrogate and reset arithmetic would treat it
 *       differently). Finite inputs so large that the dynamics overflow inside a step are not detected here.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class InputChecks {

    /** Arrays of at least this many elements are screened as a whole first (see firstNonFinite). */
    private static final long SCREEN_FROM = 1L << 16;

    private InputChecks() {
    }

    /**
     * Returns the number of elements of an array of the given shape, refusing shapes that do not fit in one Java
     * array.
     *
     * @param module the module, for the message (for example {@code "Linear(65536, 65536)"})
     * @param what   the array, for the message (for example {@code "weight [out, in]"})
     * @param shape  the sizes, each {@code >= 0}
     * @return the product of the sizes
     * @throws IllegalArgumentException if a size is negative or the product exceeds {@code Integer.MAX_VALUE}
     */
    public static int elementCount(String module, String what, long... shape) {
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException(module + ": " + what + " has a negative size in "
                        + Arrays.toString(shape));
            }
            if (s != 0 && n > Integer.MAX_VALUE / s) {
                throw new IllegalArgumentException(module + ": " + what + " of shape " + Arrays.toString(shape)
                        + " needs more than 2^31 - 1 elements, the largest array; expected smaller sizes");
            }
            n *= s;
        }
        return (int) n;
    }

    /**
     * Checks the input of a module with parameters: its dtype must be {@code dtype}, it must not be empty and must
     * hold only finite values.
     *
     * @param module the module, for the message
     * @param x      the input
     * @param dtype  the dtype of the module's parameters
     * @throws IllegalArgumentException if the dtype differs, the input is empty or holds NaN or an infinity
     */
    public static void requireInput(String module, Tensor x, DataType dtype) {
        if (x.dataType() != dtype) {
            throw new IllegalArgumentException(module + ": input dtype " + x.dataType() + ", expected " + dtype
                    + " (the dtype of its parameters); convert the input or the module");
        }
        requireNonEmptyFinite(module, x);
    }

    /**
     * Checks the input of a module without a fixed dtype (a soma): float32 or float64, not empty, finite.
     *
     * @param module the module, for the message
     * @param x      the input
     * @throws IllegalArgumentException if the dtype is not floating point, the input is empty or holds NaN or an
     *                                  infinity
     */
    public static void requireFloatingInput(String module, Tensor x) {
        requireFloatingNonEmpty(module, x);
        requireFinite(module, x);
    }

    /**
     * {@link #requireFloatingInput} without the scan for NaN and infinities: for a caller that hands the input to a
     * kernel which finds them in its own pass ({@code io.matterhorn.kernel.SomaKernels#forward}) and, when that
     * kernel refuses the input, calls {@link #requireFinite} to name the value.
     *
     * @param module the module, for the message
     * @param x      the input
     * @throws IllegalArgumentException if the dtype is not floating point or the input is empty
     */
    public static void requireFloatingNonEmpty(String module, Tensor x) {
        if (x.dataType() != DataType.FLOAT && x.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException(module + ": input dtype " + x.dataType() + ", expected FLOAT or "
                    + "DOUBLE");
        }
        requireNonEmpty(module, x);
    }

    private static void requireNonEmptyFinite(String module, Tensor x) {
        requireNonEmpty(module, x);
        requireFinite(module, x);
    }

    private static void requireNonEmpty(String module, Tensor x) {
        if (x.length() == 0) {
            throw new IllegalArgumentException(module + ": empty input " + Arrays.toString(x.shape())
                    + "; expected at least one element in every dimension");
        }
    }

    /**
     * Refuses an input that holds NaN or an infinity, naming the first one and its flat index; a spike-valued
     * tensor (0/1, marked by its producer) is finite by construction and not scanned.
     *
     * @param module the module, for the message
     * @param x      the input
     * @throws IllegalArgumentException if x holds NaN or an infinity
     */
    public static void requireFinite(String module, Tensor x) {
        long at = x.isSpikeValued() ? -1 : firstNonFinite(x.value());
        if (at >= 0) {
            throw new IllegalArgumentException(module + ": input holds the non-finite value "
                    + x.value().reshape(-1).getDouble(at) + " at flat index " + at
                    + "; expected finite values (NaN and infinities are refused on every backend)");
        }
    }

    /**
     * Checks the input of a stateful layer that takes one step or a whole sequence: floating, finite, non-empty, of
     * shape {@code [B, ...sampleShape]} ({@code lead = 1}) or {@code [T, B, ...sampleShape]} with {@code T >= 1}
     * ({@code lead = 2}).
     *
     * @param module the layer's name for messages
     * @param x the input
     * @param sampleShape the per-sample shape
     * @param lead 1 for one step, 2 for a sequence
     * @return the batch size B
     * @throws IllegalArgumentException naming the module, the expected and the given shape
     */
    public static long requireSteps(String module, Tensor x, long[] sampleShape, int lead) {
        requireFloatingInput(module, x);
        long[] shape = x.shape();
        if (shape.length != sampleShape.length + lead
                || !Arrays.equals(Arrays.copyOfRange(shape, lead, shape.length), sampleShape)
                || lead == 2 && shape[0] < 1) {
            String dims = Arrays.toString(sampleShape).replaceAll("[\\[\\]]", "");
            throw new IllegalArgumentException(module + ": expected " + (lead == 1 ? "one step [B, "
                    : "a sequence [T, B, ") + dims + "], got " + Arrays.toString(shape));
        }
        return shape[lead - 1];
    }

    /**
     * @param x one step [B, ...]
     * @return the same values as a sequence of one step [1, B, ...]
     */
    public static Tensor asOneStep(Tensor x) {
        return x.reshape(withLeading(1, x.shape()));
    }

    /**
     * @param lead the new first dimension (a batch size, or 1 step)
     * @param shape the other dimensions
     * @return {@code [lead, ...shape]}
     */
    public static long[] withLeading(long lead, long[] shape) {
        long[] out = new long[shape.length + 1];
        out[0] = lead;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }

    /**
     * Finds the first NaN or infinity of a floating-point array.
     *
     * @param a a float32 or float64 array (any layout)
     * @return its row-major index, or {@code -1} if every value is finite
     */
    public static long firstNonFinite(INDArray a) {
        if (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE) {
            return -1;
        }
        // large arrays are screened first, and scanned element by element only when the screen finds something:
        // float32 by an integer test of every value's exponent bits (exact, parallel); float64 by one native sum,
        // which is finite unless a value is NaN or infinite, or the sum overflows
        if (a.length() >= SCREEN_FROM && a.dataType() == DataType.FLOAT && a.length() <= Integer.MAX_VALUE) {
            INDArray c = Layout.contiguous(a);
            if (FloatBits.allFinite(c.data().asNio(), Layout.offset(c), (int) c.length())) {
                return -1;
            }
        } else if (a.length() >= SCREEN_FROM && Double.isFinite(a.sumNumber().doubleValue())) {
            return -1;
        }
        INDArray c = Layout.contiguous(a);
        int n = Math.toIntExact(c.length());
        int off = Layout.offset(c);
        if (c.dataType() == DataType.FLOAT) {
            FloatBuffer b = c.data().asNioFloat();
            for (int i = 0; i < n; i++) {
                float v = b.get(off + i);
                if (v - v != 0f) { // NaN - NaN and Inf - Inf are NaN
                    return i;
                }
            }
            return -1;
        }
        if (c.dataType() == DataType.DOUBLE) {
            DoubleBuffer b = c.data().asNioDouble();
            for (int i = 0; i < n; i++) {
                double v = b.get(off + i);
                if (v - v != 0.0) {
                    return i;
                }
            }
            return -1;
        }
        return -1;
    }
}
