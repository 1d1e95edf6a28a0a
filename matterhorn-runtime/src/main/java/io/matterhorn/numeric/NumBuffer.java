package io.matterhorn.numeric;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Element access to a float32 or float64 buffer through one interface, so that a kernel (convolution, pooling,
 * normalisation) is written once for both precisions. Values are read and written as {@code double}; a float32
 * buffer rounds on {@link #set} and {@link #add}. Index {@code i} addresses element {@code offset + i} of the
 * underlying NIO buffer (absolute access, so instances can be shared between threads that touch disjoint
 * elements).
 *
 * <p>There are exactly two implementations, so calls from a kernel stay cheap (at most bimorphic).
 */
public abstract sealed class NumBuffer permits NumBuffer.F32, NumBuffer.F64 {
    /** Index in the NIO buffer of element 0. */
    protected final int offset;

    private NumBuffer(int offset) {
        this.offset = offset;
    }

    /**
     * @param buffer float32 elements (shared, not copied)
     * @param offset index of element 0 within {@code buffer}
     * @return a view of the buffer
     */
    public static NumBuffer of(FloatBuffer buffer, int offset) {
        return new F32(buffer, offset);
    }

    /**
     * @param buffer float64 elements (shared, not copied)
     * @param offset index of element 0 within {@code buffer}
     * @return a view of the buffer
     */
    public static NumBuffer of(DoubleBuffer buffer, int offset) {
        return new F64(buffer, offset);
    }

    /**
     * @param i element index
     * @return element {@code i}
     */
    public abstract double get(int i);

    /**
     * @param i element index
     * @param v new value of element {@code i}
     */
    public abstract void set(int i, double v);

    /**
     * Adds {@code v} to element {@code i}.
     *
     * @param i element index
     * @param v increment
     */
    public abstract void add(int i, double v);

    /**
     * Sets {@code len} elements from {@code from} to {@code v}.
     *
     * @param from first element
     * @param len number of elements
     * @param v value
     */
    public abstract void fill(int from, int len, double v);

    /**
     * Adds {@code v} to {@code len} elements from {@code from}.
     *
     * @param from first element
     * @param len number of elements
     * @param v increment
     */
    public abstract void addScalar(int from, int len, double v);

    /**
     * @param from first element
     * @param len number of elements
     * @return the sum of the elements, accumulated in double precision
     */
    public abstract double sum(int from, int len);

    /**
     * Copies {@code len} elements of {@code src} starting at {@code srcFrom} to this buffer starting at
     * {@code dstFrom}; a bulk copy when both buffers have the same precision.
     *
     * @param src source buffer
     * @param srcFrom first source element
     * @param dstFrom first destination element
     * @param len number of elements
     */
    public abstract void copyFrom(NumBuffer src, int srcFrom, int dstFrom, int len);

    /**
     * Like {@link #copyFrom} but adds {@code addend} to every copied element, in one pass.
     *
     * @param src source buffer
     * @param srcFrom first source element
     * @param dstFrom first destination element
     * @param len number of elements
     * @param addend value added to each element
     */
    public abstract void copyAddFrom(NumBuffer src, int srcFrom, int dstFrom, int len, double addend);

    /** float32 implementation. */
    static final class F32 extends NumBuffer {
        private final FloatBuffer b;

        F32(FloatBuffer b, int offset) {
            super(offset);
            this.b = b;
        }

        @Override
        public double get(int i) {
            return b.get(offset + i);
        }

        @Override
        public void set(int i, double v) {
            b.put(offset + i, (float) v);
        }

        @Override
        public void add(int i, double v) {
            int k = offset + i;
            b.put(k, (float) (b.get(k) + v));
        }

        @Override
        public void fill(int from, int len, double v) {
            float f = (float) v;
            for (int i = offset + from, end = offset + from + len; i < end; i++) {
                b.put(i, f);
            }
        }

        @Override
        public void addScalar(int from, int len, double v) {
            for (int i = offset + from, end = offset + from + len; i < end; i++) {
                b.put(i, (float) (b.get(i) + v));
            }
        }

        @Override
        public double sum(int from, int len) {
            double s = 0;
            for (int i = offset + from, end = offset + from + len; i < end; i++) {
                s += b.get(i);
            }
            return s;
        }

        @Override
        public void copyAddFrom(NumBuffer src, int srcFrom, int dstFrom, int len, double addend) {
            if (src instanceof F32 s) {
                float a = (float) addend;
                int si = s.offset + srcFrom;
                for (int i = offset + dstFrom, end = offset + dstFrom + len; i < end; i++, si++) {
                    b.put(i, s.b.get(si) + a);
                }
            } else {
                for (int i = 0; i < len; i++) {
                    set(dstFrom + i, src.get(srcFrom + i) + addend);
                }
            }
        }

        @Override
        public void copyFrom(NumBuffer src, int srcFrom, int dstFrom, int len) {
            if (src instanceof F32 s) {
                b.put(offset + dstFrom, s.b, s.offset + srcFrom, len);
            } else {
                for (int i = 0; i < len; i++) {
                    set(dstFrom + i, src.get(srcFrom + i));
                }
            }
        }
    }

    /** float64 implementation. */
    static final class F64 extends NumBuffer {
        private final DoubleBuffer b;

        F64(DoubleBuffer b, int offset) {
            super(offset);
            this.b = b;
        }

        @Override
        public double get(int i) {
            return b.get(offset + i);
        }

        @Override
        public void set(int i, double v) {
            b.put(offset + i, v);
        }

        @Override
        public void add(int i, double v) {
            int k = offset + i;
            b.put(k, b.get(k) + v);
        }

        @Override
        public void fill(int from, int len, double v) {
            double f = v;
            for (int i = offset + from, end = offset + from + len; i < end; i++) {
                b.put(i, f);
            }
        }

        @Override
        public void addScalar(int from, int len, double v) {
            for (int i = offset + from, end = offset + from + len; i < end; i++) {
                b.put(i, b.get(i) + v);
            }
        }

        @Override
        public double sum(int from, int len) {
            double s = 0;
            for (int i = offset + from, end = offset + from + len; i < end; i++) {
                s += b.get(i);
            }
            return s;
        }

        @Override
        public void copyAddFrom(NumBuffer src, int srcFrom, int dstFrom, int len, double addend) {
            if (src instanceof F64 s) {
                double a = addend;
                int si = s.offset + srcFrom;
                for (int i = offset + dstFrom, end = offset + dstFrom + len; i < end; i++, si++) {
                    b.put(i, s.b.get(si) + a);
                }
            } else {
                for (int i = 0; i < len; i++) {
                    set(dstFrom + i, src.get(srcFrom + i) + addend);
                }
            }
        }

        @Override
        public void copyFrom(NumBuffer src, int srcFrom, int dstFrom, int len) {
            if (src instanceof F64 s) {
                b.put(offset + dstFrom, s.b, s.offset + srcFrom, len);
            } else {
                for (int i = 0; i < len; i++) {
                    set(dstFrom + i, src.get(srcFrom + i));
                }
            }
        }
    }
}
