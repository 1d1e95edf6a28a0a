/**
 * Spiking neurons (somas): response, firing and reset per step, and one fused graph node per sequence that runs
 * on the selected kernel backend. Each neuron's maths is defined once in io.matterhorn.kernel (NeuronKind); the
 * classes here are the 1.0.1-style modules (LIF, IF, QIF, EIF, LIAF, KLIF, Izhikevich, ResponseSoma), the
 * per-neuron-parameter NIR somas (LI, ArrayLIF, CubaLIF, CubaLI, Integrator, Threshold), and the layers with longer
 * memory: the adaptive LIF (AdaptiveLIF) and recurrent layers (Recurrent: a neuron layer fed its own previous output
 * through a trainable V).
 */
package io.matterhorn.snn.soma;
