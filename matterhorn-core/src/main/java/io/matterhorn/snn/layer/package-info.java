/**
 * Stateless and SRM0 layers: pooling, flatten/unflatten and the SRM0 linear layer.
 */
package io.matterhorn.snn.layer;
