package io.matterhorn.data.neuromorphic;

import io.matterhorn.data.download.Resource;
import io.matterhorn.data.events.Aedat31Reader;
import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.numeric.Parallel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DVS128 Gesture (IBM, Amir et al. 2017): 11 hand and arm gestures by 29 users under 5 lighting conditions,
 * recorded by a DVS128 camera (128x128). Licence: see the data set's LICENSE.txt (IBM).
 *
 * <p>Files: {@code DvsGesture.tar.gz}, which cannot be downloaded automatically (IBM's Box folder requires a
 * browser); the error message of {@link Builder#build()} says where to get it. It extracts to
 * {@code DvsGesture/userNN_<lighting>.aedat} (AEDAT 3.1, read with {@link Aedat31Reader}: polarity packets only,
 * valid events only, docs/datasets.md #28) plus {@code userNN_<lighting>_labels.csv}.
 *
 * <p>Samples: every row of a labels file is one sample, the events with {@code start <= t < end} cut from the
 * recording and shifted to start at 0 (the original stored the whole recording for every row, docs/datasets.md #27).
 * Files are visited in sorted name order, rows in file order. Split: users 1-23 train, 24-29 test. Orientation: AEDAT
 * 3.1 coordinates as stored, {@code (0, 0)} upper left (the original flipped both axes).
 */
public final class DVS128Gesture extends CameraEventDataset {

    /** Sensor size (rows and columns). */
    public static final int SENSOR_SIZE = 128;

    /** Last user of the training split. */
    public static final int LAST_TRAINING_USER = 23;

    /** The IBM page describing the data set. */
    public static final String HOMEPAGE = "https://research.ibm.com/interactive/dvsgesture/";

    /** The folder the files are published in (manual download only). */
    public static final String MIRROR = "https://ibm.ent.box.com/s/3hiq58ww1pbbjrinh367ykfdf60xsfm8/folder/50167556794";

    /** The archive. */
    public static final Resource ARCHIVE = new Resource("DvsGesture.tar.gz", MIRROR,
            "8a5c71fb11e24e5ca5b11866ca6c00a1");

    /** Class names in label order (class 1..11 of the CSV files is label 0..10). */
    public static final List<String> CLASSES = List.of("hand_clapping", "right_hand_wave", "left_hand_wave",
            "right_arm_clockwise", "right_arm_counter_clockwise", "left_arm_clockwise", "left_arm_counter_clockwise",
            "arm_roll", "air_drums", "air_guitar", "other_gestures");

    private static final Logger LOG = LoggerFactory.getLogger(DVS128Gesture.class);
    private static final Pattern RECORDING = Pattern.compile("user(\\d+)_.*\\.aedat");

    private DVS128Gesture(EventOptions options, boolean polarity, int height, int width) {
        super("DVS128Gesture", options, polarity, height, width, SENSOR_SIZE, SENSOR_SIZE);
    }

    /**
     * Starts configuring DVS128 Gesture; defaults as the original: training split, T = 128, 128x128, two
     * polarities, binary frames, sampling 1, no clipping. {@code download(true)} cannot fetch this data set.
     *
     * @param root the data folder (the data set lives in {@code root/DVS128Gesture/})
     * @return the builder
     */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    @Override
    public List<String> classNames() {
        return CLASSES;
    }

    @Override
    boolean downloadable() {
        return false;
    }

    @Override
    String manualDownloadNote() {
        return "IBM publishes it in a Box folder that needs a browser: open " + HOMEPAGE + " (files at " + MIRROR
                + "), download DvsGesture.tar.gz (gesture_mapping.csv, LICENSE.txt and README.txt are not needed).";
    }

    @Override
    int sourcesPerRound() {
        return Parallel.threads(); // whole recordings are large: keep few in memory at once
    }

    @Override
    List<ArchiveFile> archives(boolean train) {
        return List.of(new ArchiveFile(ARCHIVE, "DvsGesture"));
    }

    @Override
    List<SampleSource<PolarityEvents>> sources(Path extracted, boolean train) throws IOException {
        List<SampleSource<PolarityEvents>> out = new ArrayList<>();
        for (Path file : SortedFiles.list(extracted.resolve("DvsGesture"), ".aedat").stream()
                .sorted().toList()) {
            Matcher m = RECORDING.matcher(file.getFileName().toString());
            if (!m.matches()) {
                LOG.warn("Skipping {}: not named userNN_<lighting>.aedat", file);
                continue;
            }
            int user = Integer.parseInt(m.group(1));
            if ((user <= LAST_TRAINING_USER) != train) {
                continue;
            }
            String name = file.getFileName().toString();
            Path labels = file.resolveSibling(name.substring(0, name.length() - ".aedat".length()) + "_labels.csv");
            out.add(new FileSource<>(file, f -> {
                List<GestureLabels.Instance> instances = GestureLabels.read(labels, CLASSES.size());
                PolarityEvents recording = Aedat31Reader.DECODER.read(f);
                List<SampleSource.Labelled<PolarityEvents>> samples = new ArrayList<>(instances.size());
                for (GestureLabels.Instance g : instances) {
                    samples.add(new SampleSource.Labelled<>(g.label(), recording.segment(g.start(), g.end())));
                }
                return samples;
            }));
        }
        return out;
    }

    /** Configures a {@link DVS128Gesture} data set. */
    public static final class Builder extends CameraDatasetBuilder<Builder, DVS128Gesture> {
        private Builder(Path root) {
            super(root, SENSOR_SIZE, SENSOR_SIZE);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public DVS128Gesture build() throws IOException {
            DVS128Gesture d = withTransforms(new DVS128Gesture(options(), polarity(), height(), width()));
            d.prepare();
            return d;
        }
    }
}
