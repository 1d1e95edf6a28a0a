/**
 * Stateless and SRM0 layers: pooling, flatten/unflatten, the SRM0 linear layer, and synaptic delays (Delay).
 */
package io.matterhorn.snn.layer;
