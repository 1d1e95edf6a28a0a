package io.matterhorn.jni;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A FloatBuffer argument as the JNI functions take it: a direct native-order buffer as is, a heap buffer as its
 * backing array (offset shifted by {@code arrayOffset()}), anything else through a temporary array (copied back
 * for outputs by {@link #finish()}).
 *
 * @param target float[] or direct FloatBuffer passed to native code
 * @param offset index of the first element in {@code target}
 * @param copyBack buffer to copy {@code target} into after the call, or null
 * @param length number of elements to copy back
 */
record BufferArg(Object target, int offset, FloatBuffer copyBack, int length) {

    /**
     * @param b input buffer (absolute indexing), or null
     * @param off first index
     * @param n number of elements read
     * @return the argument
     */
    static BufferArg input(FloatBuffer b, int off, int n) {
        if (b == null) {
            return new BufferArg(null, 0, null, 0);
        }
        if (b.isDirect() && b.order() == ByteOrder.nativeOrder()) {
            return new BufferArg(b, off, null, 0);
        }
        if (b.hasArray()) {
            return new BufferArg(b.array(), b.arrayOffset() + off, null, 0);
        }
        float[] tmp = new float[n];
        b.get(off, tmp, 0, n);
        return new BufferArg(tmp, 0, null, 0);
    }

    /**
     * @param b output buffer written from index 0, or null
     * @param n number of elements written
     * @return the argument
     */
    static BufferArg output(FloatBuffer b, int n) {
        if (b == null) {
            return new BufferArg(null, 0, null, 0);
        }
        if (b.isDirect() && b.order() == ByteOrder.nativeOrder()) {
            return new BufferArg(b, 0, null, 0);
        }
        if (b.hasArray() && b.arrayOffset() == 0) {
            return new BufferArg(b.array(), 0, null, 0);
        }
        return new BufferArg(new float[n], 0, b, n);
    }

    /** Copies a temporary output array back into its buffer. */
    void finish() {
        if (copyBack != null) {
            copyBack.put(0, (float[]) target, 0, length);
        }
    }
}
