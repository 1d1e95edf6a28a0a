package io.matterhorn.snn;

import io.matterhorn.tensor.Tensor;
import java.util.Arrays;

/**
 * Input checks shared by modules: an expected shape written as a pattern ({@code [T, B, 2, H, W]} in multi-step
 * mode, {@code [B, 2, H, W]} in single-step mode) and the {@link IllegalArgumentException} that names the module,
 * the pattern and the actual shape.
 */
public final class InputShape {
    private InputShape() {
    }

    /**
     * @param multiStep whether the module takes sequences (adds the T axis)
     * @param perSample the dimensions after the batch axis, e.g. "2", "H", "W"
     * @return the pattern, e.g. {@code [T, B, 2, H, W]}
     */
    public static String pattern(boolean multiStep, String... perSample) {
        StringBuilder sb = new StringBuilder(multiStep ? "[T, B" : "[B");
        for (String d : perSample) {
            sb.append(", ").append(d);
        }
        return sb.append(']').toString();
    }

    /**
     * @param module the module's short description, e.g. {@code Conv2d(2, 64, k=3)}
     * @param expected the expected pattern
     * @param x the offending input
     * @return an exception with the message {@code module: expected input <expected>, got [..]}
     */
    public static IllegalArgumentException mismatch(String module, String expected, Tensor x) {
        return new IllegalArgumentException(module + ": expected input " + expected + ", got "
                + Arrays.toString(x.shape()));
    }

    /**
     * @param module the module's short description
     * @param cause the error raised by the operation the module ran
     * @return an exception whose message starts with the module's name, keeping {@code cause}
     */
    public static IllegalArgumentException wrap(String module, IllegalArgumentException cause) {
        return new IllegalArgumentException(module + ": " + cause.getMessage(), cause);
    }
}
