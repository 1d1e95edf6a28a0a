/**
 * Ready-made network models built from the snn modules (ConvLIF, SEW-ResNet-18 and its blocks, residual
 * connections, temporal-wise attention).
 */
package io.matterhorn.model;
