/**
 * The pure-Java kernel backend ("java", always available): {@link io.matterhorn.kernel.jvm.JavaSomaKernels} runs
 * the one neuron loop {@code io.matterhorn.neuron.NeuronSequences}, {@link io.matterhorn.kernel.jvm.JavaStdpKernels}
 * the STDP updates. It is the reference the native and CUDA backends are tested against, and the backend every
 * soma with a custom surrogate uses. Registered as a {@code java.util.ServiceLoader} provider.
 */
package io.matterhorn.kernel.jvm;
