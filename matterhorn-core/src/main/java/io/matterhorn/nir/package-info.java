/**
 * NIR interchange (the Neuromorphic Intermediate Representation, HDF5 files shared with snnTorch, Norse, Lava and
 * neuromorphic hardware): {@link io.matterhorn.nir.Nir} reads a NIR graph into Matterhorn modules and writes
 * modules as a NIR graph (chains, residual graphs whose merges are sums, neurons' recurrent loops and delays),
 * discretised by forward Euler with step {@code dt}; {@link io.matterhorn.nir.NirFormatException} names the node
 * and the problem when a file cannot be read. The node mapping is documented in {@code docs/nir.md}; the modules
 * that exist only for NIR's primitives are in {@link io.matterhorn.nir.module}. This package and
 * {@code io.matterhorn.format.nir} are the only ones that use the HDF5 reader.
 */
package io.matterhorn.nir;
