package io.matterhorn.data.neuromorphic;

import io.matterhorn.data.download.Resource;

/**
 * A published archive of a data set and what extracting it produces.
 *
 * @param resource      the archive: file name, URL, MD5
 * @param extractedName the file or folder the archive creates in {@code extracted/}; if it exists without the
 *                      archive, the user extracted it by hand and it is used as it is
 */
record ArchiveFile(Resource resource, String extractedName) {
}
