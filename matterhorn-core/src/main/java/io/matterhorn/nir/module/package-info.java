/**
 * The modules that exist for NIR interchange: NIR primitives that the 1.0.1-style layers do not cover, so that a
 * NIR graph reads into trainable modules and writes back unchanged. {@link io.matterhorn.nir.module.Threshold}
 * (NIR {@code Threshold}: a stateless spike step with a surrogate gradient), {@link io.matterhorn.nir.module.Scale}
 * (NIR {@code Scale}), {@link io.matterhorn.nir.module.LinearPool2d} (NIR {@code SumPool2d} / {@code AvgPool2d},
 * without the 0.5 binarisation of {@code snn.layer}'s pools) and {@link io.matterhorn.nir.module.AnalogFlatten}
 * (NIR {@code Flatten}, without binarisation). They save in model files like every module (their codecs are in
 * {@code io.matterhorn.io}) and the streaming runtime runs them. The per-neuron-parameter somas that NIR's neuron
 * nodes read into (LI, ArrayLIF, CubaLI, CubaLIF, Integrator) are general trainable neurons and stay in
 * {@code io.matterhorn.snn.soma}.
 */
package io.matterhorn.nir.module;
