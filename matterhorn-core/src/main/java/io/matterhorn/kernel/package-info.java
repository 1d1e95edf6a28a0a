/**
 * The pluggable kernel backends and the one definition of each neuron's maths. The service interface
 * (KernelProvider, SomaKernels, StdpKernels, chosen by Backends from -Dmatterhorn.backend) with its pure-Java
 * implementation; NeuronKind and its NeuronDynamics records (LIF's response and partial derivatives are in
 * LifDynamics) that drive the per-step graph, the fused Java kernel and the parameter layout handed to native
 * code; SomaSpec, the settings a fused soma kernel receives. Depends on numeric and tensor, never on the snn
 * packages.
 */
package io.matterhorn.kernel;


