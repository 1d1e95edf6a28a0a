/**
 * Competitive unsupervised learning in the style of Diehl and Cook (2015, "Unsupervised learning of digit
 * recognition using spike-timing-dependent plasticity"): the building blocks that make STDP neurons learn
 * different prototypes, and a layer that combines them.
 *
 * <ul>
 *   <li>{@link io.matterhorn.snn.learning.competitive.LateralInhibition}: winner-take-all or graded inhibition of
 *       the other neurons after a spike;</li>
 *   <li>{@link io.matterhorn.snn.learning.competitive.AdaptiveThreshold}: homeostatic threshold that rises on
 *       every spike, decays slowly and can be frozen for evaluation;</li>
 *   <li>{@link io.matterhorn.snn.learning.competitive.WeightNormalisation}: each neuron's incoming weights sum to
 *       a constant;</li>
 *   <li>{@link io.matterhorn.snn.learning.competitive.PreTraceStdp}: the pre-synaptic-trace rule with weight
 *       dependence, {@code dw = eta (x_pre - x_tar) (w_max - w)^mu} at each post-synaptic spike, on the input
 *       trace of the STDP kernel interface;</li>
 *   <li>{@link io.matterhorn.snn.learning.competitive.CompetitiveLayer}: LIF neurons with all of the above, one
 *       sample at a time, and {@link io.matterhorn.snn.learning.competitive.LabelAssignment}: labels by each
 *       neuron's highest average response and classification by vote.</li>
 * </ul>
 *
 * All blocks work on flat float arrays (weights row-major {@code [neurons, inputs]}, state {@code [neurons]}) so
 * that any model can call them per time step.
 */
package io.matterhorn.snn.learning.competitive;
