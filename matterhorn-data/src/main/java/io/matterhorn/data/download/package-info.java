/**
 * Getting data set files onto disk: {@link io.matterhorn.data.download.Downloader} (resumable HTTP download with
 * MD5 verification), {@link io.matterhorn.data.download.Archives} (zip, tar, tar.gz and gzip extraction with
 * commons-compress), {@link io.matterhorn.data.download.Md5} and a text
 * {@link io.matterhorn.data.download.ProgressMeter}. Errors a user can fix (a missing file, a bad checksum) are
 * {@link io.matterhorn.data.download.DatasetNotFoundException} and
 * {@link io.matterhorn.data.download.ChecksumMismatchException}, whose messages say what to do.
 */
package io.matterhorn.data.download;
