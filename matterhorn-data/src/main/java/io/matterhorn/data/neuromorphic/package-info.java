/**
 * The neuromorphic data sets of the original: {@link io.matterhorn.data.neuromorphic.NMNIST},
 * {@link io.matterhorn.data.neuromorphic.CIFAR10DVS}, {@link io.matterhorn.data.neuromorphic.DVS128Gesture} and
 * {@link io.matterhorn.data.neuromorphic.SpikingHeidelbergDigits}, each configured by a builder with the original's
 * options and backed by an on-disk event cache; and {@link io.matterhorn.data.neuromorphic.SimulatedNMNIST},
 * N-MNIST-style recordings simulated from MNIST digits (no download). See {@code docs/datasets.md} for formats,
 * conventions, download
 * instructions and the cache format.
 */
package io.matterhorn.data.neuromorphic;
