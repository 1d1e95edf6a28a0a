/**
 * Headless plots written as PNG (and animated GIF) files: spike rasters ({@link io.matterhorn.plot.SpikeRaster}),
 * firing-rate heat maps ({@link io.matterhorn.plot.FiringRateMap}), membrane traces
 * ({@link io.matterhorn.plot.MembraneTraces}), event frames as a grid or an animation
 * ({@link io.matterhorn.plot.EventFramePlot}), the original's event scatter plots {@code event_plot_yx / tx / tyx}
 * ({@link io.matterhorn.plot.EventPlots}) and training curves ({@link io.matterhorn.plot.TrainingCurves}).
 *
 * <p>Charts with axes, ticks and legends are drawn by XChart (its layout and tick choice beat hand-written
 * drawing); pixel images (frame grids, GIF frames, the oblique 3-D view) are drawn directly into a
 * {@link java.awt.image.BufferedImage}. Nothing opens a window: the JVM runs with {@code java.awt.headless=true}
 * (set by this package when nothing else set it). Every class is stateless and thread-safe.
 */
package io.matterhorn.plot;
