package io.matterhorn.examples.cli;

import io.matterhorn.data.mnist.MnistDataset;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --data DIR} and {@code --download} options of the MNIST examples (1 to 3), a picocli mixin: without
 * {@code --data} the bundled 10,000-digit sample is used; with {@code --data DIR --download} the full MNIST
 * (60,000 + 10,000 digits) is downloaded into {@code DIR} first (skipped when the files are there, resumed when
 * interrupted). A {@code --data} folder without the IDX files is an error (exit code 1), never a silent fallback.
 */
public final class MnistDataOptions {
    @Option(names = "--data", paramLabel = "DIR", description = "Folder with the full MNIST IDX files "
            + "(train-images-idx3-ubyte[.gz], t10k-... or test-...); default: the bundled 10,000-digit sample.")
    private Path data;

    @Option(names = "--download", description = "Download the full MNIST (about 11 MB) into the --data folder first.")
    private boolean download;

    /**
     * Returns the MNIST folder the options name, downloading the full MNIST there when asked.
     *
     * @param out where progress messages go
     * @return the folder, or null for the bundled sample
     * @throws IllegalArgumentException if {@code --download} is given without {@code --data}
     * @throws IOException              if the download fails
     */
    public Path directory(PrintStream out) throws IOException {
        if (download) {
            if (data == null) {
                throw new IllegalArgumentException("--download needs --data DIR: the folder to put MNIST into");
            }
            out.println("Fetching the full MNIST into " + data.toAbsolutePath() + " (about 11 MB) ...");
            MnistDataset.download(data);
        }
        return data;
    }
}
