package io.matterhorn.neuron;

/**
 * The bounds of the neuron parameters that divide a step, checked in one place by every neuron definition that
 * has them (and by the somas that hold those parameters, at construction).
 *
 * <p><b>Time constants and scales</b> ({@code tau_m} of IF/LIF/QIF/EIF/KLIF/LIAF in steps, {@code delta_t} of EIF,
 * the time constants of the NIR families and of the adaptive LIF as {@code tau / dt}): their float32 value must lie
 * in {@code [2^-63, 2^63]} ({@link #MIN_TIME_CONSTANT}, {@link #MAX_TIME_CONSTANT}). Then {@code 1/tau} and
 * {@code 1/tau^2}, the factors of the step and of its derivative with respect to tau, are normal float32 numbers
 * (between {@code 2^-126} and {@code 2^126}). Outside it the step is not finite or loses its meaning: with
 * {@code tau_m = 1.4e-45} the LIF charge is infinite and its hard reset gives NaN ({@code inf * 0}), with
 * {@code tau_m = 1e-20} the per-step graph's gradient of tau_m is NaN, and with {@code tau_m = 3.4e38} the input's
 * weight {@code 1/tau_m} is a subnormal float32 and the gradient of tau_m underflows to 0 (the neuron neither
 * integrates nor learns its time constant). Stateless.
 */
public final class ParameterBounds {
    /** The smallest accepted time constant or scale, {@code 2^-63} (about 1.08e-19). */
    public static final double MIN_TIME_CONSTANT = 0x1p-63;
    /** The largest accepted time constant or scale, {@code 2^63} (about 9.22e18). */
    public static final double MAX_TIME_CONSTANT = 0x1p63;

    private ParameterBounds() {
    }

    /**
     * Checks a time constant or scale, as a double and as the float32 the kernels use.
     *
     * @param name what it is, for the message (e.g. {@code "LIF tau_m"})
     * @param value its value (in steps for a time constant)
     * @throws IllegalArgumentException naming it and the bounds, unless {@code 2^-63 <= value <= 2^63} both as given
     *     and rounded to float32
     */
    public static void requireTimeConstant(String name, double value) {
        float f = (float) value;
        if (!(value >= MIN_TIME_CONSTANT && value <= MAX_TIME_CONSTANT && f >= MIN_TIME_CONSTANT
                && f <= MAX_TIME_CONSTANT)) {
            throw new IllegalArgumentException(name + " must lie in [2^-63, 2^63] = [" + MIN_TIME_CONSTANT + ", "
                    + MAX_TIME_CONSTANT + "] (then its reciprocal and the reciprocal's square are normal float32 "
                    + "numbers and the step stays finite), got " + value);
        }
    }

    /**
     * Checks a parameter that only needs to be finite.
     *
     * @param name what it is, for the message
     * @param value its value
     * @throws IllegalArgumentException naming it, unless value is finite as given and as a float32
     */
    public static void requireFinite(String name, double value) {
        if (!Double.isFinite(value) || !Float.isFinite((float) value)) {
            throw new IllegalArgumentException(name + " must be a finite float32 number, got " + value);
        }
    }
}
