/**
 * Event data sets built from a user's own recordings: {@link io.matterhorn.data.custom.UserEventDataset} takes
 * events as arrays or files (with an {@link io.matterhorn.data.events.EventReader}), labels and a frame
 * description, and offers what the packaged data sets offer: binning, event and frame transforms, and loading
 * through {@link io.matterhorn.data.loader.BatchLoader} (time-major).
 */
package io.matterhorn.data.custom;
