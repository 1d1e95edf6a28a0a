/**
 * The one definition of each neuron family, on plain floats, shared by every path that steps neurons: the fused
 * training kernels of core, the per-step path, the per-neuron-parameter (NIR) somas and the streaming runtime.
 * Per family: its parameters, its state, one step, and the partial derivatives the backward pass needs.
 *
 * <ul>
 *   <li>matterhorn 1.0.1 one-variable somas: {@link io.matterhorn.neuron.NeuronDynamics} (responses
 *       {@link io.matterhorn.neuron.IfDynamics}, {@link io.matterhorn.neuron.LifDynamics},
 *       {@link io.matterhorn.neuron.QifDynamics}, {@link io.matterhorn.neuron.EifDynamics}), firing and output
 *       {@link io.matterhorn.neuron.FiringStages} ({@link io.matterhorn.neuron.SpikeStages} for spikes with a
 *       {@link io.matterhorn.neuron.SurrogateDerivative}), {@link io.matterhorn.neuron.Reset}, composed by
 *       {@link io.matterhorn.neuron.SomaNeuron};</li>
 *   <li>NIR's per-neuron-parameter families (LI, LIF, IF, I, CubaLI, CubaLIF): {@link io.matterhorn.neuron.EulerKind}
 *       and {@link io.matterhorn.neuron.EulerNeuron};</li>
 *   <li>the adaptive LIF of Bellec et al. 2018 (LSNN): {@link io.matterhorn.neuron.AdaptiveLif}.</li>
 * </ul>
 *
 * Nothing here depends on ND4J or on any other Matterhorn package but {@code numeric}.
 */
package io.matterhorn.neuron;
