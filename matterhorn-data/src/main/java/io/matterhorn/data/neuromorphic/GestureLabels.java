package io.matterhorn.data.neuromorphic;

import io.matterhorn.data.events.EventFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a DVS128 Gesture {@code userNN_<lighting>_labels.csv} file: a header line
 * {@code class,startTime_usec,endTime_usec}, then one row per gesture instance with the 1-based class (1..11) and
 * the instance's time window {@code [start, end)} in microseconds on the clock of the recording.
 */
final class GestureLabels {

    /**
     * One labelled gesture instance.
     *
     * @param label the 0-based class id ({@code class - 1})
     * @param start first timestamp of the instance (inclusive)
     * @param end   end of the instance (exclusive)
     */
    record Instance(int label, long start, long end) {
    }

    private GestureLabels() {
    }

    /**
     * Parses a labels file.
     *
     * @param file       the CSV file
     * @param numClasses number of classes (11)
     * @return the instances in file order
     * @throws EventFormatException if a row is malformed, a class is out of range or an end precedes its start
     * @throws IOException          if the file is missing or unreadable
     */
    static List<Instance> read(Path file, int numClasses) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "DVS128 Gesture labels file missing (every "
                    + "userNN_<lighting>.aedat needs its userNN_<lighting>_labels.csv)");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Instance> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || (i == 0 && !Character.isDigit(line.charAt(0)))) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length < 3) {
                throw new EventFormatException(file.toString(), "line " + (i + 1) + ": expected 'class,start,end', "
                        + "got '" + line + "'");
            }
            long cls;
            long start;
            long end;
            try {
                cls = Long.parseLong(f[0].strip());
                start = Long.parseLong(f[1].strip());
                end = Long.parseLong(f[2].strip());
            } catch (NumberFormatException e) {
                throw new EventFormatException(file.toString(), "line " + (i + 1) + ": not three integers: '" + line
                        + "'", e);
            }
            if (cls < 1 || cls > numClasses) {
                throw new EventFormatException(file.toString(), "line " + (i + 1) + ": class " + cls
                        + " outside 1.." + numClasses);
            }
            if (end < start || start < 0) {
                throw new EventFormatException(file.toString(), "line " + (i + 1) + ": window [" + start + ", " + end
                        + ") is empty or negative");
            }
            out.add(new Instance((int) cls - 1, start, end));
        }
        return out;
    }
}
