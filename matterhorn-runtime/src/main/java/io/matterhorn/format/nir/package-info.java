/**
 * The reader of NIR files (Neuromorphic Intermediate Representation, neuromorphs/NIR): the HDF5 layout that the
 * reference {@code nir} package writes, read with jhdf into a plain graph of named nodes, their type strings and
 * their parameter arrays ({@link io.matterhorn.format.nir.NirGraph}, {@link io.matterhorn.format.nir.NirNode},
 * {@link io.matterhorn.format.nir.NirArray}). Nested {@code NIRGraph} nodes are flattened. The reader gives the
 * graph only; what the nodes compute is decided by its users (the streaming runtime's NIR compiler and the training
 * library's {@code io.matterhorn.nir.Nir}). A file that cannot be read is reported with a
 * {@link io.matterhorn.format.ModelFormatException} whose source is {@code "NIR file <path>"}.
 */
package io.matterhorn.format.nir;
