package io.matterhorn.conformance;

/** Runs the cases of one conformance kind. */
@FunctionalInterface
interface KindHandler {
    /**
     * @param c the case
     * @return PASSED, or UNSUPPORTED when the case needs something not implemented yet
     * @throws AssertionError when a value differs from the reference
     */
    Outcome run(CaseFile c);
}
