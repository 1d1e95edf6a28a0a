package io.matterhorn.numeric;

/**
 * Max and average pooling over independent planes (one plane per sample and channel), with the window rules of
 * PyTorch's CPU kernels. Input {@code x} is row-major {@code [planes, inPlane]}, output {@code y} is
 * {@code [planes, outPlane]}; the spatial layout of a plane is given by a {@link ConvGeometry} whose
 * {@code padBefore == padAfter} is the pooling padding. Work is split over planes with {@link Parallel}.
 *
 * <p><b>Max:</b> the window of output {@code o} along an axis covers inputs {@code o*s - p + k*d} for taps
 * {@code k < K} that fall inside the input. {@code y} is the largest value, the first one in row-major scan order
 * on ties (PyTorch's rule), and its plane index is recorded for the backward pass, which routes {@code dy} to
 * that element only.
 *
 * <p><b>Average:</b> along each axis the window is {@code [o*s - p, min(o*s - p + K, in + p))}, clipped to
 * {@code [0, in)}. {@code y = sum / divisor} with divisor {@code divisorOverride} if positive, else the window
 * size including padding ({@code countIncludePad}) or excluding it. A window without input positions gives 0.
 */
public final class PoolKernels {
    private static final int MIN_PLANES = 8;

    private PoolKernels() {
    }

    /**
     * Max pooling forward.
     *
     * @param x input [planes, inPlane]
     * @param y output [planes, outPlane], overwritten
     * @param argmax receives, per output element, the plane index of the chosen input (length planes * outPlane)
     * @param planes number of planes
     * @param g window geometry (kernel, stride, padding, dilation)
     * @return true if the input held NaN
     */
    public static boolean maxForward(NumBuffer x, NumBuffer y, int[] argmax, int planes, ConvGeometry g) {
        int inPlane = g.inPlane();
        int outPlane = g.outPlane();
        int in1 = g.in(1);
        int in2 = g.in(2);
        int[][] lo = new int[3][];
        int[][] hi = new int[3][];
        for (int a = 0; a < 3; a++) {
            lo[a] = new int[g.out(a)];
            hi[a] = new int[g.out(a)];
            for (int o = 0; o < g.out(a); o++) {
                int start = o * g.stride(a) - g.padBefore(a);
                int end = Math.min(start + (g.kernel(a) - 1) * g.dilation(a) + 1, g.in(a));
                while (start < 0) {
                    start += g.dilation(a);
                }
                lo[a][o] = start;
                hi[a][o] = end;
            }
        }
        int d0 = g.dilation(0);
        int d1 = g.dilation(1);
        int d2 = g.dilation(2);
        boolean[] nan = new boolean[1];
        Parallel.forRange(planes, MIN_PLANES, (chunk, from, to) -> {
            boolean sawNan = false;
            for (int p = from; p < to; p++) {
                int xp = p * inPlane;
                int yo = p * outPlane;
                for (int o0 = 0; o0 < g.out(0); o0++) {
                    for (int o1 = 0; o1 < g.out(1); o1++) {
                        for (int o2 = 0; o2 < g.out(2); o2++, yo++) {
                            int best = (lo[0][o0] * in1 + lo[1][o1]) * in2 + lo[2][o2];
                            double max = Double.NEGATIVE_INFINITY;
                            for (int i0 = lo[0][o0]; i0 < hi[0][o0]; i0 += d0) {
                                for (int i1 = lo[1][o1]; i1 < hi[1][o1]; i1 += d1) {
                                    int base = (i0 * in1 + i1) * in2;
                                    for (int i2 = lo[2][o2]; i2 < hi[2][o2]; i2 += d2) {
                                        double v = x.get(xp + base + i2);
                                        if (v > max || v != v) {
                                            sawNan |= v != v;
                                            max = v;
                                            best = base + i2;
                                        }
                                    }
                                }
                            }
                            y.set(yo, max);
                            argmax[yo] = best;
                        }
                    }
                }
            }
            if (sawNan) {
                nan[0] = true;
            }
        });
        return nan[0];
    }

    /**
     * Max pooling backward: {@code dx[p, argmax[p, o]] += dy[p, o]}.
     *
     * @param dy output gradient [planes, outPlane]
     * @param argmax indices recorded by {@link #maxForward}
     * @param dx input gradient [planes, inPlane], accumulated into (zero it first)
     * @param planes number of planes
     * @param g the forward geometry
     */
    public static void maxBackward(NumBuffer dy, int[] argmax, NumBuffer dx, int planes, ConvGeometry g) {
        int inPlane = g.inPlane();
        int outPlane = g.outPlane();
        Parallel.forRange(planes, MIN_PLANES, (chunk, from, to) -> {
            for (int p = from; p < to; p++) {
                int xp = p * inPlane;
                for (int o = p * outPlane; o < (p + 1) * outPlane; o++) {
                    dx.add(xp + argmax[o], dy.get(o));
                }
            }
        });
    }

    /**
     * Average pooling forward.
     *
     * @param x input [planes, inPlane]
     * @param y output [planes, outPlane], overwritten
     * @param planes number of planes
     * @param g window geometry (kernel, stride, padding; dilation must be 1)
     * @param countIncludePad whether padded positions count in the divisor
     * @param divisorOverride divisor to use instead of the window size, or 0 for none
     * @return true if the input held NaN
     */
    public static boolean avgForward(NumBuffer x, NumBuffer y, int planes, ConvGeometry g, boolean countIncludePad,
            int divisorOverride) {
        AvgWindows w = new AvgWindows(g, countIncludePad, divisorOverride);
        int inPlane = g.inPlane();
        int outPlane = g.outPlane();
        int in1 = g.in(1);
        int in2 = g.in(2);
        boolean[] nan = new boolean[1];
        Parallel.forRange(planes, MIN_PLANES, (chunk, from, to) -> {
            boolean sawNan = false;
            for (int p = from; p < to; p++) {
                int xp = p * inPlane;
                int yo = p * outPlane;
                for (int o0 = 0; o0 < g.out(0); o0++) {
                    for (int o1 = 0; o1 < g.out(1); o1++) {
                        for (int o2 = 0; o2 < g.out(2); o2++, yo++) {
                            double divisor = w.divisor(o0, o1, o2);
                            if (divisor == 0) {
                                y.set(yo, 0.0);
                                continue;
                            }
                            double sum = 0;
                            for (int i0 = w.lo[0][o0]; i0 < w.hi[0][o0]; i0++) {
                                for (int i1 = w.lo[1][o1]; i1 < w.hi[1][o1]; i1++) {
                                    int base = xp + (i0 * in1 + i1) * in2;
                                    for (int i2 = w.lo[2][o2]; i2 < w.hi[2][o2]; i2++) {
                                        sum += x.get(base + i2);
                                    }
                                }
                            }
                            sawNan |= sum != sum;
                            y.set(yo, sum / divisor);
                        }
                    }
                }
            }
            if (sawNan) {
                nan[0] = true;
            }
        });
        return nan[0];
    }

    /**
     * Average pooling backward: every input position of a window receives {@code dy / divisor}.
     *
     * @param dy output gradient [planes, outPlane]
     * @param dx input gradient [planes, inPlane], accumulated into (zero it first)
     * @param planes number of planes
     * @param g the forward geometry
     * @param countIncludePad as in the forward pass
     * @param divisorOverride as in the forward pass
     */
    public static void avgBackward(NumBuffer dy, NumBuffer dx, int planes, ConvGeometry g, boolean countIncludePad,
            int divisorOverride) {
        AvgWindows w = new AvgWindows(g, countIncludePad, divisorOverride);
        int inPlane = g.inPlane();
        int outPlane = g.outPlane();
        int in1 = g.in(1);
        int in2 = g.in(2);
        Parallel.forRange(planes, MIN_PLANES, (chunk, from, to) -> {
            for (int p = from; p < to; p++) {
                int xp = p * inPlane;
                int yo = p * outPlane;
                for (int o0 = 0; o0 < g.out(0); o0++) {
                    for (int o1 = 0; o1 < g.out(1); o1++) {
                        for (int o2 = 0; o2 < g.out(2); o2++, yo++) {
                            double divisor = w.divisor(o0, o1, o2);
                            if (divisor == 0) {
                                continue;
                            }
                            double share = dy.get(yo) / divisor;
                            for (int i0 = w.lo[0][o0]; i0 < w.hi[0][o0]; i0++) {
                                for (int i1 = w.lo[1][o1]; i1 < w.hi[1][o1]; i1++) {
                                    int base = xp + (i0 * in1 + i1) * in2;
                                    for (int i2 = w.lo[2][o2]; i2 < w.hi[2][o2]; i2++) {
                                        dx.add(base + i2, share);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    /** Per-axis window bounds of average pooling and the divisor rule. */
    private static final class AvgWindows {
        final int[][] lo = new int[3][];
        final int[][] hi = new int[3][];
        final int[][] padded = new int[3][];
        final boolean countIncludePad;
        final int divisorOverride;

        AvgWindows(ConvGeometry g, boolean countIncludePad, int divisorOverride) {
            this.countIncludePad = countIncludePad;
            this.divisorOverride = divisorOverride;
            for (int a = 0; a < 3; a++) {
                int n = g.out(a);
                lo[a] = new int[n];
                hi[a] = new int[n];
                padded[a] = new int[n];
                for (int o = 0; o < n; o++) {
                    int start = o * g.stride(a) - g.padBefore(a);
                    int end = Math.min(start + g.kernel(a), g.in(a) + g.padAfter(a));
                    padded[a][o] = end - start;
                    lo[a][o] = Math.max(start, 0);
                    hi[a][o] = Math.min(end, g.in(a));
                }
            }
        }

        /** @return the divisor of output (o0, o1, o2), or 0 when its window holds no input position */
        double divisor(int o0, int o1, int o2) {
            int n0 = hi[0][o0] - lo[0][o0];
            int n1 = hi[1][o1] - lo[1][o1];
            int n2 = hi[2][o2] - lo[2][o2];
            if (n0 <= 0 || n1 <= 0 || n2 <= 0) {
                return 0;
            }
            if (divisorOverride != 0) {
                return divisorOverride;
            }
            return countIncludePad ? (double) padded[0][o0] * padded[1][o1] * padded[2][o2] : (double) n0 * n1 * n2;
        }
    }
}
