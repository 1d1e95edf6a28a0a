/**
 * The service interface of the pluggable kernel backends: {@link io.matterhorn.kernel.KernelProvider} with its
 * {@link io.matterhorn.kernel.SomaKernels} and {@link io.matterhorn.kernel.StdpKernels}, chosen once per JVM by
 * {@link io.matterhorn.kernel.Backends} from {@code -Dmatterhorn.backend}; {@link io.matterhorn.kernel.SomaSpec},
 * the settings a fused soma kernel receives, and {@link io.matterhorn.kernel.SomaArgs}, the argument checks every
 * backend shares. The pure-Java backend is {@code io.matterhorn.kernel.jvm}; the neurons' maths is in
 * {@code io.matterhorn.neuron}. Depends on numeric, neuron and tensor, never on the snn packages.
 */
package io.matterhorn.kernel;
