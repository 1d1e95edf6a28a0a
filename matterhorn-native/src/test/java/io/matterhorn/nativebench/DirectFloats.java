package io.matterhorn.nativebench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** Direct float buffers in native byte order, as the modules pass them to the kernels. */
final class DirectFloats {
    private DirectFloats() {
    }

    /**
     * @param n number of floats
     * @return a zero-filled direct buffer of {@code n} floats
     */
    static FloatBuffer allocate(int n) {
        return ByteBuffer.allocateDirect(Math.multiplyExact(4, n)).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
