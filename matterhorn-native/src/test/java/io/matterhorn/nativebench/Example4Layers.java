package io.matterhorn.nativebench;

import io.matterhorn.numeric.ConvGeometry;

/** The window geometry of example 4's convolutions (3x3 kernel, stride 2, padding 1), for the benchmarks. */
final class Example4Layers {
    private Example4Layers() {
    }

    /**
     * @param side input height and width (34, 17 or 9 for the first, second and third layer)
     * @return the geometry of a 3x3, stride-2, padding-1 window on a square input of that side
     */
    static ConvGeometry geometry(int side) {
        int out = (side + 2 - 3) / 2 + 1;
        return new ConvGeometry(new int[] {side, side}, new int[] {out, out}, new int[] {3, 3}, new int[] {2, 2},
                new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1});
    }
}
