package io.matterhorn.snn;

/** How a module consumes time. */
public enum StepMode {
    /** {@code forward} takes one time step {@code [B, ...]} and updates the module's state. */
    SINGLE,
    /** {@code forward} takes a whole sequence {@code [T, B, ...]}, time first. */
    MULTI
}
