/**
 * Model summaries: {@link io.matterhorn.snn.summary.ModelSummary} runs a model once on an example input and
 * tabulates, per module, its output shape, parameter and buffer counts, whether it trains, and its memory, with
 * the totals (as {@code torchinfo} does for PyTorch).
 */
package io.matterhorn.snn.summary;
