package io.matterhorn.data.mnist;

import io.matterhorn.data.download.Downloader;
import io.matterhorn.data.download.Resource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The four files of the full MNIST (60,000 training and 10,000 test digits) as published, gzip-compressed IDX
 * files with their MD5 digests (the digests torchvision checks), and their download through {@link Downloader}:
 * resumable (an interrupted file continues from its {@code .part}), verified (a file with the wrong MD5 is never
 * kept), skipped when already present and correct. Stateless and thread-safe; two processes must not download
 * into the same folder at once.
 */
public final class MnistDownload {

    /** The mirror that torchvision downloads from (the original site at yann.lecun.com no longer serves them). */
    public static final String MIRROR = "https://ossci-datasets.s3.amazonaws.com/mnist/";

    private static final String[][] FILES = {
        {"train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"},
        {"train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"},
        {"t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"},
        {"t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c"},
    };

    private MnistDownload() {
    }

    /**
     * Returns the four files at a mirror.
     *
     * @param mirror the base address, ending in {@code /}
     * @return training images, training labels, test images, test labels
     * @throws IllegalArgumentException if the mirror does not end in {@code /}
     */
    public static List<Resource> resources(String mirror) {
        Objects.requireNonNull(mirror, "mirror");
        if (!mirror.endsWith("/")) {
            throw new IllegalArgumentException("MNIST mirror must end with '/', got " + mirror);
        }
        return List.of(new Resource(FILES[0][0], mirror + FILES[0][0], FILES[0][1]),
                new Resource(FILES[1][0], mirror + FILES[1][0], FILES[1][1]),
                new Resource(FILES[2][0], mirror + FILES[2][0], FILES[2][1]),
                new Resource(FILES[3][0], mirror + FILES[3][0], FILES[3][1]));
    }

    /**
     * Makes sure every resource is in {@code dir} with its MD5, downloading what is missing.
     *
     * @param dir       the folder (created if needed)
     * @param resources the files
     * @return {@code dir}
     * @throws io.matterhorn.data.download.ChecksumMismatchException if a file has the wrong MD5 (a downloaded one
     *                                                               is deleted)
     * @throws IOException                                           if the server or the network fails; partial
     *                                                               files resume next time
     */
    public static Path download(Path dir, List<Resource> resources) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Downloader downloader = Downloader.create();
        for (Resource r : resources) {
            downloader.fetch(r, dir);
        }
        return dir;
    }
}
