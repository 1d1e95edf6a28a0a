package io.matterhorn.conformance;

/** Result of running one case; a mismatch is reported by throwing {@link AssertionError}. */
enum Outcome {
    /** Every expected value was reproduced. */
    PASSED,
    /** The case needs a module that is not implemented yet. */
    UNSUPPORTED
}
