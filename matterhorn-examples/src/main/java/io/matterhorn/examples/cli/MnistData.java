package io.matterhorn.examples.cli;

import io.matterhorn.data.mnist.MnistDataset;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The {@code --data DIR} and {@code --download} options of the MNIST examples (1 to 3): without {@code --data} the
 * bundled 10,000-digit sample is used; with {@code --data DIR --download} the full MNIST (60,000 + 10,000 digits)
 * is downloaded into {@code DIR} first (skipped when the files are there, resumed when interrupted).
 */
public final class MnistData {

    private MnistData() {
    }

    /**
     * Returns the MNIST folder the options name, downloading the full MNIST there when asked.
     *
     * @param o   the parsed options (with {@code data} as an option and {@code download} as a flag)
     * @param out where progress messages go
     * @return the folder, or null for the bundled sample
     * @throws IllegalArgumentException if {@code --download} is given without {@code --data}
     * @throws IOException              if the download fails
     */
    public static Path directory(Options o, PrintStream out) throws IOException {
        String data = o.getString("data", null);
        if (o.has("download")) {
            if (data == null) {
                throw new IllegalArgumentException("--download needs --data DIR: the folder to put MNIST into");
            }
            out.println("Fetching the full MNIST into " + Path.of(data).toAbsolutePath() + " (about 11 MB) ...");
            MnistDataset.download(Path.of(data));
        }
        return data == null ? null : Path.of(data);
    }
}
