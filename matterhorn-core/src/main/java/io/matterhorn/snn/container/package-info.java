/**
 * Containers that compose modules: Sequential, and the step wrappers Spatial, Temporal and Plain.
 */
package io.matterhorn.snn.container;
