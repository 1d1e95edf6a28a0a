package io.matterhorn.snn.learning.competitive;

/**
 * Labels for unsupervised neurons and classification by their vote (Diehl and Cook 2015). From spike counts
 * {@code c[s][j]} of neuron j on labelled sample s, each neuron gets the class of its highest average response,
 *
 * <pre>
 *   label_j = argmax_k  mean_{s : y_s = k} c[s][j]          (classes without samples count as 0; ties: lowest k)
 * </pre>
 *
 * and a new sample with counts {@code c[j]} is classified as
 * {@code argmax_k mean_{j : label_j = k} c[j]} (classes without neurons score 0; ties: lowest k). Immutable and
 * thread-safe.
 */
public final class LabelAssignment {
    private final int[] labels;
    private final int classes;

    private LabelAssignment(int[] labels, int classes) {
        this.labels = labels;
        this.classes = classes;
    }

    /**
     * @param counts spike counts, [samples][neurons]
     * @param y labels of the samples, [samples], each in [0, classes)
     * @param classes number of classes, positive
     * @return the assignment
     * @throws IllegalArgumentException if the shapes disagree or a label is out of range
     */
    public static LabelAssignment fit(int[][] counts, int[] y, int classes) {
        if (classes <= 0 || counts.length == 0 || counts.length != y.length) {
            throw new IllegalArgumentException("label assignment: need classes > 0 and counts [samples][neurons] "
                    + "with one label per sample, got " + classes + " classes, " + counts.length + " count rows and "
                    + y.length + " labels");
        }
        int n = counts[0].length;
        double[][] sum = new double[classes][n];
        int[] perClass = new int[classes];
        for (int s = 0; s < counts.length; s++) {
            if (y[s] < 0 || y[s] >= classes || counts[s].length != n) {
                throw new IllegalArgumentException("label assignment: sample " + s + " has label " + y[s]
                        + " (expected [0, " + classes + ")) and " + counts[s].length + " counts (expected " + n + ")");
            }
            perClass[y[s]]++;
            for (int j = 0; j < n; j++) {
                sum[y[s]][j] += counts[s][j];
            }
        }
        int[] labels = new int[n];
        for (int j = 0; j < n; j++) {
            double best = -1;
            for (int k = 0; k < classes; k++) {
                double mean = perClass[k] == 0 ? 0 : sum[k][j] / perClass[k];
                if (mean > best) {
                    best = mean;
                    labels[j] = k;
                }
            }
        }
        return new LabelAssignment(labels, classes);
    }

    /** @return a copy of each neuron's label, [neurons] */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * @param counts spike counts of one sample, [neurons]
     * @return the class with the highest mean count over its assigned neurons
     */
    public int classify(int[] counts) {
        if (counts.length != labels.length) {
            throw new IllegalArgumentException("label assignment: counts has " + counts.length
                    + " values, expected [neurons] = " + labels.length);
        }
        double[] sum = new double[classes];
        int[] members = new int[classes];
        for (int j = 0; j < labels.length; j++) {
            sum[labels[j]] += counts[j];
            members[labels[j]]++;
        }
        int best = 0;
        double bestScore = -1;
        for (int k = 0; k < classes; k++) {
            double score = members[k] == 0 ? 0 : sum[k] / members[k];
            if (score > bestScore) {
                bestScore = score;
                best = k;
            }
        }
        return best;
    }

    /**
     * @param counts spike counts, [samples][neurons]
     * @param y true labels, [samples]
     * @return the fraction classified correctly
     */
    public double accuracy(int[][] counts, int[] y) {
        if (counts.length != y.length || counts.length == 0) {
            throw new IllegalArgumentException("label assignment: " + counts.length + " count rows and " + y.length
                    + " labels; need the same positive number");
        }
        int correct = 0;
        for (int s = 0; s < counts.length; s++) {
            correct += classify(counts[s]) == y[s] ? 1 : 0;
        }
        return (double) correct / counts.length;
    }
}
