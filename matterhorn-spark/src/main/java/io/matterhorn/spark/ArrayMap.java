package io.matterhorn.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A serialisable, ordered map of named arrays (parameters, gradients, optimiser state) for shipping between the
 * driver and executors: per entry the values as float64 (exact for float32 and for integers below 2<sup>53</sup>),
 * the shape and the data type. Supports the two reductions the trainers need, an element-wise sum and a weighted
 * sum.
 *
 * <p>Not thread-safe (instances are confined to one task or to the driver).
 */
final class ArrayMap implements Serializable {
    private static final long serialVersionUID = 1L;
    private final List<String> names = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();
    private final List<long[]> shapes = new ArrayList<>();
    private final List<String> types = new ArrayList<>();

    static ArrayMap of(Map<String, INDArray> arrays) {
        ArrayMap m = new ArrayMap();
        arrays.forEach(m::put);
        return m;
    }

    void put(String name, INDArray a) {
        names.add(name);
        values.add(a.castTo(DataType.DOUBLE).dup('c').data().asDouble());
        shapes.add(a.shape().clone());
        types.add(a.dataType().name());
    }

    int size() {
        return names.size();
    }

    String name(int i) {
        return names.get(i);
    }

    double[] values(int i) {
        return values.get(i);
    }

    INDArray array(int i) {
        DataType type = DataType.valueOf(types.get(i));
        double[] v = values.get(i);
        if (!type.isFPType()) {
            v = v.clone();
            for (int j = 0; j < v.length; j++) {
                v[j] = Math.rint(v[j]);
            }
        }
        INDArray d = Nd4j.createFromArray(v).reshape('c', shapes.get(i));
        return d.castTo(type);
    }

    Map<String, INDArray> toMap() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), array(i));
        }
        return out;
    }

    /** Adds {@code weight * other} element-wise into this map (same names in the same order). */
    void addScaled(ArrayMap other, double weight) {
        if (!names.equals(other.names)) {
            throw new IllegalStateException("array maps differ: " + names + " vs " + other.names);
        }
        for (int i = 0; i < names.size(); i++) {
            double[] a = values.get(i);
            double[] b = other.values.get(i);
            for (int j = 0; j < a.length; j++) {
                a[j] += weight * b[j];
            }
        }
    }

    /** Multiplies every value by {@code factor}; integer entries are rounded back when converted. */
    void scale(double factor) {
        for (double[] a : values) {
            for (int j = 0; j < a.length; j++) {
                a[j] *= factor;
            }
        }
    }

    /** @return a copy with every value zero */
    ArrayMap zerosLike() {
        ArrayMap m = new ArrayMap();
        for (int i = 0; i < names.size(); i++) {
            m.names.add(names.get(i));
            m.values.add(new double[values.get(i).length]);
            m.shapes.add(shapes.get(i));
            m.types.add(types.get(i));
        }
        return m;
    }
}
