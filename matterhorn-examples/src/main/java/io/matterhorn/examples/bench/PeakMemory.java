package io.matterhorn.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident memory of this process, for the benchmarks' memory reports. */
final class PeakMemory {
    private PeakMemory() {
    }

    /**
     * @return the {@code VmHWM} line of {@code /proc/self/status} in MiB, or -1 where that file does not exist
     *     (not Linux)
     */
    static long peakResidentMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String kb = line.substring("VmHWM:".length()).trim().split("\\s+")[0];
                    return Long.parseLong(kb) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
