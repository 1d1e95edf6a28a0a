package io.matterhorn.conformance;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Element-wise comparison against reference values with the case's absolute tolerance. */
final class Compare {
    private Compare() {
    }

    static void close(CaseFile c, String what, INDArray expected, INDArray actual) {
        if (actual == null) {
            throw new AssertionError(what + ": no value (gradient not computed)");
        }
        if (expected.length() != actual.length()
                || (expected.rank() > 0 && !Arrays.equals(expected.shape(), actual.shape()))) {
            throw new AssertionError(what + ": shape " + Arrays.toString(actual.shape()) + ", expected "
                    + Arrays.toString(expected.shape()));
        }
        float[] e = expected.dup('c').data().asFloat();
        float[] a = actual.castTo(expected.dataType()).dup('c').data().asFloat();
        double tol = c.tolerance;
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(e[i] - a[i]) <= tol)) {
                throw new AssertionError(String.format("%s[%d]: got %.8g, expected %.8g (tolerance %g)", what, i, a[i],
                        e[i], tol));
            }
        }
    }

    static boolean isBinary(INDArray a) {
        for (float v : a.dup('c').data().asFloat()) {
            if (v != 0f && v != 1f) {
                return false;
            }
        }
        return true;
    }
}
