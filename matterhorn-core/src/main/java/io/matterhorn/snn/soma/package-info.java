/**
 * Spiking neurons (somas): response, firing and reset per step, and one fused graph node per sequence that runs
 * on the selected kernel backend. Each neuron's maths is defined once in io.matterhorn.kernel (NeuronKind); the
 * classes here are the 1.0.1-style modules (LIF, IF, QIF, EIF, LIAF, KLIF, Izhikevich, ResponseSoma), the
 * per-neuron-parameter somas that NIR's neuron nodes read into (LI, ArrayLIF, CubaLIF, CubaLI, Integrator; general
 * trainable neurons, e.g. PLIF), and the layers with longer memory: the adaptive LIF (AdaptiveLIF) and recurrent
 * layers (Recurrent: a neuron layer fed its own previous output through a trainable V). NIR's stateless
 * {@code Threshold} is in {@code io.matterhorn.nir.module}.
 */
package io.matterhorn.snn.soma;
