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
 *       {@link io.matterhorn.neuron.SomaNeuron}; KLIF's and LIAF's stages {@link io.matterhorn.neuron.KlifStages},
 *       {@link io.matterhorn.neuron.LiafStages} (with an {@link io.matterhorn.neuron.OutputActivation});</li>
 *   <li>both Izhikevich neurons: {@link io.matterhorn.neuron.IzhikevichNeuron};</li>
 *   <li>NIR's per-neuron-parameter families (LI, LIF, IF, I, CubaLI, CubaLIF): {@link io.matterhorn.neuron.EulerKind}
 *       and {@link io.matterhorn.neuron.EulerNeuron};</li>
 *   <li>the adaptive LIF of Bellec et al. 2018 (LSNN): {@link io.matterhorn.neuron.AdaptiveLif};</li>
 *   <li>the stateless threshold (NIR Threshold, and the Heaviside spike of the others):
 *       {@link io.matterhorn.neuron.ThresholdNeuron};</li>
 *   <li>the SRM0 neuron of {@code SRM0Linear}: {@link io.matterhorn.neuron.Srm0Neuron};</li>
 *   <li>the exactly decaying LIF of the competitive STDP layer: {@link io.matterhorn.neuron.ExponentialLif}.</li>
 * </ul>
 *
 * The bounds of the parameters that divide a step are {@link io.matterhorn.neuron.ParameterBounds}. docs/neurons.md
 * lists every family with its equations, derivatives and NIR node. Nothing here depends on ND4J or on any other
 * Matterhorn package but {@code numeric}.
 */
package io.matterhorn.neuron;
