/**
 * Containers that compose modules: Sequential, AdditiveGraph (a graph whose merges are sums), and the step wrappers
 * Spatial, Temporal and Plain.
 */
package io.matterhorn.snn.container;
