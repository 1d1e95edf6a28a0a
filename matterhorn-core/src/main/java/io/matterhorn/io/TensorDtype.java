package io.matterhorn.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The safetensors data types this library reads and writes, with their element size and conversion between
 * little-endian bytes and ND4J arrays. F16 and BF16 are read only, and become float32.
 */
enum TensorDtype {
    F64(8, DataType.DOUBLE),
    F32(4, DataType.FLOAT),
    F16(2, null),
    BF16(2, null),
    I64(8, DataType.LONG),
    I32(4, DataType.INT),
    I16(2, DataType.SHORT),
    I8(1, DataType.BYTE),
    U8(1, DataType.UBYTE),
    BOOL(1, DataType.BOOL);

    private final int bytes;
    private final DataType written;

    TensorDtype(int bytes, DataType written) {
        this.bytes = bytes;
        this.written = written;
    }

    /** @return bytes per element */
    int bytes() {
        return bytes;
    }

    /**
     * @param name the header's dtype string
     * @return the type, or null when unsupported
     */
    static TensorDtype parse(String name) {
        for (TensorDtype d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /**
     * @param type an ND4J data type
     * @return the safetensors type it is written as
     * @throws IllegalArgumentException for types without a safetensors counterpart here
     */
    static TensorDtype of(DataType type) {
        for (TensorDtype d : values()) {
            if (d.written == type) {
                return d;
            }
        }
        throw new IllegalArgumentException("cannot write data type " + type + "; supported: DOUBLE, FLOAT, LONG, "
                + "INT, SHORT, BYTE, UBYTE, BOOL");
    }

    /** @return the supported names, for error messages */
    static String supported() {
        StringBuilder sb = new StringBuilder();
        for (TensorDtype d : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(d.name());
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * @param data exactly {@code n * bytes()} little-endian bytes
     * @param n number of elements
     * @param shape the array's shape (product n; empty for a 0-d array)
     * @return a new C-ordered array (float32 for F16 and BF16)
     */
    INDArray decode(ByteBuffer data, int n, long[] shape) {
        ByteBuffer b = data.order(ByteOrder.LITTLE_ENDIAN);
        INDArray flat;
        switch (this) {
            case F64: {
                double[] v = new double[n];
                b.asDoubleBuffer().get(v);
                flat = Nd4j.createFromArray(v);
                break;
            }
            case F32: {
                float[] v = new float[n];
                b.asFloatBuffer().get(v);
                flat = Nd4j.createFromArray(v);
                break;
            }
            case F16: {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = halfToFloat(b.getShort(2 * i));
                }
                flat = Nd4j.createFromArray(v);
                break;
            }
            case BF16: {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xFFFF) << 16);
                }
                flat = Nd4j.createFromArray(v);
                break;
            }
            case I64: {
                long[] v = new long[n];
                b.asLongBuffer().get(v);
                flat = Nd4j.createFromArray(v);
                break;
            }
            case I32: {
                int[] v = new int[n];
                b.asIntBuffer().get(v);
                flat = Nd4j.createFromArray(v);
                break;
            }
            case I16: {
                short[] v = new short[n];
                b.asShortBuffer().get(v);
                flat = Nd4j.createFromArray(v);
                break;
            }
            case I8: {
                byte[] v = new byte[n];
                b.get(v);
                flat = Nd4j.createFromArray(v);
                break;
            }
            case U8: {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = b.get(i) & 0xFF;
                }
                flat = Nd4j.createFromArray(v).castTo(DataType.UBYTE);
                break;
            }
            case BOOL: {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = b.get(i) != 0;
                }
                flat = Nd4j.createFromArray(v);
                break;
            }
            default:
                throw new IllegalStateException(name());
        }
        return flat.reshape('c', shape);
    }

    /**
     * @param a the array (any order; must have this type's ND4J data type)
     * @return its elements in C order as little-endian bytes
     */
    byte[] encode(INDArray a) {
        int n = Math.toIntExact(a.length());
        ByteBuffer b = ByteBuffer.allocate(n * bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (n == 0) {
            return b.array();
        }
        INDArray c = a.dup('c');
        switch (this) {
            case F64:
                b.asDoubleBuffer().put(c.data().asDouble(), 0, n);
                break;
            case F32:
                b.asFloatBuffer().put(c.data().asFloat(), 0, n);
                break;
            case I64:
                b.asLongBuffer().put(c.data().asLong(), 0, n);
                break;
            case I32:
                b.asIntBuffer().put(c.data().asInt(), 0, n);
                break;
            case I16: {
                int[] v = c.castTo(DataType.INT).data().asInt();
                for (int i = 0; i < n; i++) {
                    b.putShort(2 * i, (short) v[i]);
                }
                break;
            }
            case I8:
            case U8:
            case BOOL: {
                int[] v = c.castTo(DataType.INT).data().asInt();
                for (int i = 0; i < n; i++) {
                    b.put(i, (byte) v[i]);
                }
                break;
            }
            default:
                throw new IllegalStateException("cannot write " + name());
        }
        return b.array();
    }

    /**
     * IEEE 754 binary16 to float32 (exact: every half value is a float).
     *
     * @param h the 16 bits
     * @return the value
     */
    static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13)); // inf or NaN
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f; // subnormal (or zero): mant * 2^-24
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
