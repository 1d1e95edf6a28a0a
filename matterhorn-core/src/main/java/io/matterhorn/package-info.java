/**
 * Matterhorn for Java, a library for training spiking neural networks (SNNs) with surrogate gradients, in the
 * style of the Matterhorn 1.0.1 Python library. This root package holds the library-wide settings
 * ({@link io.matterhorn.Matterhorn}: the global random seed and the start-up line).
 *
 * <p>The packages of this module, from the bottom: {@code tensor} (ND4J arrays with reverse-mode automatic
 * differentiation, memory scopes and the differentiable operations), {@code kernel} (the backend SPI and the Java
 * kernels of the fused neuron nodes), the modules under {@code snn} (somas, synapses, layers, encoders, decoders,
 * containers, surrogates, learning rules, monitors, the model summary), {@code model} (ready-made networks),
 * {@code optim} (optimisers, schedules, losses), {@code io} (model, state-dict and checkpoint files) and
 * {@code nir} (NIR interchange). The neuron definitions, numeric helpers, file readers and the streaming runtime
 * are in {@code matterhorn-runtime} ({@code neuron}, {@code numeric}, {@code format}, {@code runtime}).
 */
package io.matterhorn;
