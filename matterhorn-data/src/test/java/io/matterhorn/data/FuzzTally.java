package io.matterhorn.data;

/**
 * Counts the outcomes of a seeded mutation run and prints them as one line, so the figures can be read off the test
 * output ({@code grep 'fuzz '}).
 */
public final class FuzzTally {
    private final String reader;
    private int runs;
    private int rejected;
    private int identical;
    private int altered;

    /**
     * @param reader name of the reader, for the printed line
     */
    public FuzzTally(String reader) {
        this.reader = reader;
    }

    /** A mutation refused with the documented exception. */
    public void rejected() {
        runs++;
        rejected++;
    }

    /** A mutation read, giving exactly the original data. */
    public void identical() {
        runs++;
        identical++;
    }

    /** A mutation read, giving data that differs but passes every check the format allows (no checksum). */
    public void altered() {
        runs++;
        altered++;
    }

    /** @return the number of mutations counted */
    public int runs() {
        return runs;
    }

    /** @return the number read with different data */
    public int alteredCount() {
        return altered;
    }

    /** @return the number refused */
    public int rejectedCount() {
        return rejected;
    }

    /** Prints the counts. */
    public void print() {
        System.out.println("fuzz " + reader + ": " + runs + " mutations, " + rejected + " clean rejections, "
                + identical + " read with the original data, " + altered + " read with altered data that the format "
                + "cannot detect");
    }
}
