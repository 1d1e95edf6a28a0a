/**
 * The MNIST handwritten-digit data set: loading from IDX files or from the 10,000-digit sample bundled with this
 * module (8,000 training and 2,000 test images; see {@code io/matterhorn/data/mnist10k/ATTRIBUTION.md}).
 */
package io.matterhorn.data.mnist;
