package io.matterhorn.examples.stdp;

import io.matterhorn.data.Dataset;

/**
 * The first {@code n} samples of a data set (the bundled MNIST sample is already in random order).
 *
 * @param dataset the full data set
 * @param n number of samples kept, 1 &lt;= n &lt;= dataset.size()
 */
record DatasetPrefix(Dataset dataset, int n) implements Dataset {
    /** Checks the range. */
    DatasetPrefix {
        if (n <= 0 || n > dataset.size()) {
            throw new IllegalArgumentException("samples must be in [1, " + dataset.size() + "], got " + n);
        }
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public long[] sampleShape() {
        return dataset.sampleShape();
    }

    @Override
    public void copyFeatures(int index, float[] dst, int offset) {
        if (index < 0 || index >= n) {
            throw new IndexOutOfBoundsException("sample " + index + " of " + n);
        }
        dataset.copyFeatures(index, dst, offset);
    }

    @Override
    public int label(int index) {
        if (index < 0 || index >= n) {
            throw new IndexOutOfBoundsException("sample " + index + " of " + n);
        }
        return dataset.label(index);
    }
}
