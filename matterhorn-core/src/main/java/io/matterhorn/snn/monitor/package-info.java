/**
 * Recording what a network does during {@code forward}: a {@link io.matterhorn.snn.monitor.Monitor} hands out
 * {@link io.matterhorn.snn.monitor.Probe}s, modules that wrap a module of the network, pass its output on
 * unchanged and keep a detached copy of its output (spikes) or of a soma's membrane potential, by name; the monitor
 * then returns the recordings as sequences {@code [T, B, ...]} and firing-rate statistics.
 */
package io.matterhorn.snn.monitor;
