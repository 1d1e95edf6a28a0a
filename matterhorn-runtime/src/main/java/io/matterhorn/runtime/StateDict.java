package io.matterhorn.runtime;

import io.matterhorn.format.SafeTensorsFile;
import java.util.Arrays;

/**
 * The state dict of a model file as {@link ModelCompiler} reads it: a module's tensors by key, checked for their
 * size and for finite values. Immutable over an immutable file; thread-safe.
 */
final class StateDict {
    private final SafeTensorsFile tensors;

    /** @param tensors the model file's tensors */
    StateDict(SafeTensorsFile tensors) {
        this.tensors = tensors;
    }

    /** @return the one value of tensor {@code name}; {@code at} names the module in messages */
    float scalar(String name, String at) {
        return tensor(name, 1, at)[0];
    }

    /**
     * @param name the tensor's key in the state dict
     * @param size the number of values the module expects
     * @param at the module, for messages
     * @return the values, row-major, all finite
     * @throws IllegalArgumentException when the tensor is missing, has another size, or holds NaN or infinity
     */
    float[] tensor(String name, int size, String at) {
        SafeTensorsFile.Entry e = tensors.entry(name);
        if (e == null) {
            throw new IllegalArgumentException(at + ": the file has no tensor '" + name + "'");
        }
        if (e.elements() != size) {
            throw new IllegalArgumentException(at + ": tensor '" + name + "' has shape "
                    + Arrays.toString(e.shape()) + ", expected " + size + " values");
        }
        float[] v = tensors.floats(name);
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException(at + ": tensor '" + name + "' holds " + x);
            }
        }
        return v;
    }
}
