package io.matterhorn.data.neuromorphic;

import io.matterhorn.data.download.Resource;
import io.matterhorn.data.events.NmnistBinReader;
import io.matterhorn.data.events.PolarityEvents;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * N-MNIST (Orchard et al. 2015): the MNIST digits recorded by an ATIS camera on a moving platform, 34x34 pixels,
 * 60,000 training and 10,000 test samples, 10 classes. Licence CC BY-SA 4.0.
 *
 * <p>Files: {@code Train.zip} and {@code Test.zip} from Mendeley Data (DOI 10.17632/468j46mzdv.1), which extract to
 * {@code Train/<digit>/<nnnnn>.bin} and {@code Test/<digit>/<nnnnn>.bin}; read with {@link NmnistBinReader}
 * (correct 23-bit timestamps in microseconds, docs/datasets.md #26; overflow markers handled; no {@code y} flip, so
 * digits are upright with row {@code y}). Samples are ordered by digit, then by file number.
 *
 * <pre>{@code
 * try (NMNIST train = NMNIST.builder(Path.of("data")).train(true).download(true).timeSteps(128).build()) {
 *     INDArray frames = train.frames(0);      // [128, 2, 34, 34]
 *     int digit = train.label(0);
 * }
 * }</pre>
 */
public final class NMNIST extends CameraEventDataset {

    /** Sensor size (rows and columns). */
    public static final int SENSOR_SIZE = 34;

    /** Where the archives are published. */
    public static final String MIRROR = "https://data.mendeley.com/public-files/datasets/468j46mzdv/files/";

    /** The training archive. */
    public static final Resource TRAIN_ZIP = new Resource("Train.zip",
            MIRROR + "39c25547-014b-4137-a934-9d29fa53c7a0/file_downloaded", "20959b8e626244a1b502305a9e6e2031");

    /** The test archive. */
    public static final Resource TEST_ZIP = new Resource("Test.zip",
            MIRROR + "05a4d654-7e03-4c15-bdfa-9bb2bcbea494/file_downloaded", "69ca8762b2fe404d9b9bad1103e97832");

    private static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private NMNIST(EventOptions options, boolean polarity, int height, int width) {
        super("NMNIST", options, polarity, height, width, SENSOR_SIZE, SENSOR_SIZE);
    }

    /**
     * Starts configuring N-MNIST; defaults as the original: training split, no download, T = 128, 34x34, two
     * polarities, binary frames, sampling 1, no clipping.
     *
     * @param root the data folder (the data set lives in {@code root/NMNIST/})
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
    List<ArchiveFile> archives(boolean train) {
        return List.of(train ? new ArchiveFile(TRAIN_ZIP, "Train") : new ArchiveFile(TEST_ZIP, "Test"));
    }

    @Override
    List<SampleSource<PolarityEvents>> sources(Path extracted, boolean train) throws IOException {
        Path split = extracted.resolve(train ? "Train" : "Test");
        List<SampleSource<PolarityEvents>> out = new ArrayList<>();
        for (int digit = 0; digit < CLASSES.size(); digit++) {
            int label = digit;
            for (Path file : SortedFiles.list(split.resolve(Integer.toString(digit)), ".bin")) {
                out.add(FileSource.single(file, label, NmnistBinReader.DECODER));
            }
        }
        return out;
    }

    /** Configures an {@link NMNIST} data set. */
    public static final class Builder extends CameraDatasetBuilder<Builder, NMNIST> {
        private Builder(Path root) {
            super(root, SENSOR_SIZE, SENSOR_SIZE);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public NMNIST build() throws IOException {
            NMNIST d = withTransforms(new NMNIST(options(), polarity(), height(), width()));
            d.prepare();
            return d;
        }
    }
}
