package io.matterhorn.examples.plots;

import io.matterhorn.data.events.Aedat2Reader;
import io.matterhorn.data.events.Aedat31Reader;
import io.matterhorn.data.events.EventFormatException;
import io.matterhorn.data.events.FrameBinner;
import io.matterhorn.data.events.FrameSpec;
import io.matterhorn.data.events.NmnistBinReader;
import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.events.ShdFileReader;
import io.matterhorn.data.events.TimeBinning;
import io.matterhorn.data.events.UnitEvents;
import io.matterhorn.plot.EventFramePlot;
import io.matterhorn.plot.EventPlots;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code show-events FILE}: plots a recording of any supported format. Camera recordings (N-MNIST {@code .bin},
 * AEDAT 2.0 and 3.1 {@code .aedat}) give {@code <name>-yx.png}, {@code <name>-tyx.png}, {@code <name>-grid.png}
 * and {@code <name>.gif}; SHD files ({@code .h5}) give {@code <name>-<sample>-tx.png}. The sensor size is the
 * format's (34x34 for N-MNIST, 128x128 for DVS128 AEDAT) or the extent of the events, whichever is larger.
 */
public final class ShowEvents {

    private ShowEvents() {
    }

    /** The {@code show-events} command. */
    @picocli.CommandLine.Command(name = "show-events", description = "Plot a recording: N-MNIST .bin, AEDAT 2.0/3.1 "
            + ".aedat (x-y and t-y-x scatter plots, a frame grid, a GIF), SHD .h5 (a t-x raster).")
    public static final class Command extends io.matterhorn.examples.cli.ExampleCommand {
        @picocli.CommandLine.Parameters(index = "0", paramLabel = "FILE", description = "The recording.")
        private Path file;

        @picocli.CommandLine.Option(names = "--out", paramLabel = "DIR", description = "Folder for the pictures.")
        private Path out = Path.of("plots");

        @picocli.CommandLine.Option(names = "--time-steps", description = "Frames of the grid and the GIF.")
        private int timeSteps = 12;

        @picocli.CommandLine.Option(names = "--sample", description = "SHD files: which sample to plot.")
        private int sample = 0;

        @Override
        protected int run() throws IOException {
            ShowEvents.run(file, out, timeSteps, sample, out());
            return OK;
        }
    }

    /**
     * Plots a recording.
     *
     * @param file  the recording (.bin, .aedat, .h5)
     * @param dir   folder for the pictures
     * @param steps frames of the grid and the GIF
     * @param sample SHD files: the sample to plot
     * @param out   where the list of files goes
     * @return the files written
     * @throws IOException if the file cannot be read or a picture cannot be written
     */
    public static List<Path> run(Path file, Path dir, int steps, int sample, PrintStream out) throws IOException {
        if (steps < 1) {
            throw new IllegalArgumentException("--time-steps must be >= 1, got " + steps);
        }
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no such file");
        }
        String name = file.getFileName().toString();
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        String lower = name.toLowerCase(Locale.ROOT);
        List<Path> files = new ArrayList<>();
        if (lower.endsWith(".h5") || lower.endsWith(".hdf5")) {
            ShdFileReader.Contents c = ShdFileReader.read(file);
            if (sample < 0 || sample >= c.size()) {
                throw new IllegalArgumentException("--sample " + sample + " outside [0, " + c.size() + ")");
            }
            UnitEvents e = c.events(sample, 1e6, file.toString());
            files.add(EventPlots.tx(e, dir.resolve(stem + "-" + sample + "-tx.png"),
                    name + " sample " + sample + " (label " + c.labels()[sample] + "), t in microseconds"));
        } else {
            int[] sensor = new int[2];
            PolarityEvents e = readCamera(file, lower, sensor);
            for (int i = 0; i < e.size(); i++) {
                sensor[0] = Math.max(sensor[0], e.x(i) + 1);
                sensor[1] = Math.max(sensor[1], e.y(i) + 1);
            }
            int w = sensor[0];
            int h = sensor[1];
            String what = name + ": " + e.size() + " events";
            files.add(EventPlots.yx(e, w, h, dir.resolve(stem + "-yx.png"), what));
            files.add(EventPlots.tyx(e, w, h, Math.min(32, Math.max(steps, 8)), dir.resolve(stem + "-tyx.png"),
                    what));
            FrameSpec spec = new FrameSpec(TimeBinning.stretch(steps), true, h, w, h, w, true);
            float[] frames = FrameBinner.frames(e, spec);
            int scale = Math.max(1, 200 / Math.max(h, w));
            files.add(EventFramePlot.grid(frames, spec.shape(), steps, Math.min(steps, 6), scale,
                    dir.resolve(stem + "-grid.png"), what + " in " + steps + " time bins"));
            files.add(EventFramePlot.gif(frames, spec.shape(), steps, scale, 150, dir.resolve(stem + ".gif")));
        }
        for (Path f : files) {
            out.println("wrote " + f + " (" + Files.size(f) + " bytes)");
        }
        return files;
    }

    /** Reads a camera recording by its extension and header; sets the format's sensor size. */
    private static PolarityEvents readCamera(Path file, String lower, int[] sensor) throws IOException {
        if (lower.endsWith(".bin")) {
            sensor[0] = 34;
            sensor[1] = 34;
            return NmnistBinReader.DECODER.read(file);
        }
        if (lower.endsWith(".aedat") || lower.endsWith(".aedat2") || lower.endsWith(".aedat3")) {
            sensor[0] = 128;
            sensor[1] = 128;
            String head;
            try (InputStream in = Files.newInputStream(file)) {
                head = new String(in.readNBytes(16), StandardCharsets.US_ASCII);
            }
            if (head.startsWith("#!AER-DAT3.1")) {
                return Aedat31Reader.DECODER.read(file);
            }
            if (head.startsWith("#!AER-DAT2.0")) {
                return Aedat2Reader.DVS128.read(file);
            }
            throw new EventFormatException(file.toString(), "unknown AEDAT version (header starts with '"
                    + head.lines().findFirst().orElse("") + "'); supported: 2.0 and 3.1");
        }
        throw new IllegalArgumentException("show-events: unsupported file type " + file.getFileName()
                + "; supported: .bin (N-MNIST), .aedat (AEDAT 2.0 / 3.1), .h5 (SHD)");
    }
}
