package io.matterhorn.data.neuromorphic;

import io.matterhorn.data.download.Resource;
import io.matterhorn.data.events.Aedat2Reader;
import io.matterhorn.data.events.PolarityEvents;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR10-DVS (Li et al. 2017): 10,000 CIFAR-10 images (1,000 per class) shown on a monitor and recorded by a
 * DVS128 camera, 128x128 pixels, 10 classes. Licence CC BY 4.0.
 *
 * <p>Files: one zip per class from figshare ({@code <class>.zip}, extracting to
 * {@code <class>/cifar10_<class>_<i>.aedat}); AEDAT 2.0 read with {@link Aedat2Reader} (DVS128 address layout, no
 * axis flip, {@code p = address & 1}, as in the original). Timestamps are absolute microseconds.
 *
 * <p>Split (there is no official one): within each class the files are sorted by their number {@code i}, and the
 * first 90% (positions {@code 10 * pos < 9 * count}, i.e. 900 of 1,000) are training, the rest test. The original
 * took the first 900 in file-system order, which differs between machines (docs/datasets.md #32).
 */
public final class CIFAR10DVS extends CameraEventDataset {

    /** Sensor size (rows and columns). */
    public static final int SENSOR_SIZE = 128;

    /** Where the archives are published. */
    public static final String MIRROR = "https://ndownloader.figshare.com/files/";

    /** Class names in label order. */
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");

    /** The ten archives, in label order. */
    public static final List<Resource> RESOURCES = List.of(
            new Resource("airplane.zip", MIRROR + "7712788", "0afd5c4bf9ae06af762a77b180354fdd"),
            new Resource("automobile.zip", MIRROR + "7712791", "8438dfeba3bc970c94962d995b1b9bdd"),
            new Resource("bird.zip", MIRROR + "7712794", "a9c207c91c55b9dc2002dc21c684d785"),
            new Resource("cat.zip", MIRROR + "7712812", "52c63c677c2b15fa5146a8daf4d56687"),
            new Resource("deer.zip", MIRROR + "7712815", "b6bf21f6c04d21ba4e23fc3e36c8a4a3"),
            new Resource("dog.zip", MIRROR + "7712818", "f379ebdf6703d16e0a690782e62639c3"),
            new Resource("frog.zip", MIRROR + "7712842", "cad6ed91214b1c7388a5f6ee56d08803"),
            new Resource("horse.zip", MIRROR + "7712851", "e7cbbf77bec584ffbf913f00e682782a"),
            new Resource("ship.zip", MIRROR + "7712836", "41c7bd7d6b251be82557c6cce9a7d5c9"),
            new Resource("truck.zip", MIRROR + "7712839", "89f3922fd147d9aeff89e76a2b0b70a7"));

    private CIFAR10DVS(EventOptions options, boolean polarity, int height, int width) {
        super("CIFAR10DVS", options, polarity, height, width, SENSOR_SIZE, SENSOR_SIZE);
    }

    /**
     * Starts configuring CIFAR10-DVS; defaults as the original: training split, no download, T = 128, 128x128, two
     * polarities, binary frames, sampling 1, no clipping.
     *
     * @param root the data folder (the data set lives in {@code root/CIFAR10DVS/})
     * @return the builder
     */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /**
     * Tells whether the file at a position of its class's sorted list is a training file.
     *
     * @param position the position, from 0
     * @param count    the number of files of the class
     * @return {@code 10 * position < 9 * count}
     */
    public static boolean isTraining(int position, int count) {
        return 10L * position < 9L * count;
    }

    @Override
    public List<String> classNames() {
        return CLASSES;
    }

    @Override
    String cacheKeyExtras() {
        return ";split=first90percent";
    }

    @Override
    List<ArchiveFile> archives(boolean train) {
        List<ArchiveFile> out = new ArrayList<>();
        for (int c = 0; c < CLASSES.size(); c++) {
            out.add(new ArchiveFile(RESOURCES.get(c), CLASSES.get(c)));
        }
        return out;
    }

    @Override
    List<SampleSource<PolarityEvents>> sources(Path extracted, boolean train) throws IOException {
        List<SampleSource<PolarityEvents>> out = new ArrayList<>();
        for (int label = 0; label < CLASSES.size(); label++) {
            List<Path> files = SortedFiles.list(extracted.resolve(CLASSES.get(label)), ".aedat");
            for (int pos = 0; pos < files.size(); pos++) {
                if (isTraining(pos, files.size()) != train) {
                    continue;
                }
                Path file = files.get(pos);
                int l = label;
                out.add(FileSource.single(file, l, Aedat2Reader.DVS128));
            }
        }
        return out;
    }

    /** Configures a {@link CIFAR10DVS} data set. */
    public static final class Builder extends CameraDatasetBuilder<Builder, CIFAR10DVS> {
        private Builder(Path root) {
            super(root, SENSOR_SIZE, SENSOR_SIZE);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public CIFAR10DVS build() throws IOException {
            CIFAR10DVS d = withTransforms(new CIFAR10DVS(options(), polarity(), height(), width()));
            d.prepare();
            return d;
        }
    }
}
