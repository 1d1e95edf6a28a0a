package io.matterhorn.format.nir;

import io.matterhorn.format.ModelFormatException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node of a NIR graph as read from the file: its (flattened) name, its type string, its numeric parameters
 * as arrays with their shapes, and its string-valued parameters (such as a convolution's padding {@code "same"}).
 * Immutable.
 *
 * @param name node name ({@code "outer.inner"} for nodes of nested graphs)
 * @param type NIR type, e.g. {@code "LIF"}
 * @param params numeric parameter name to array, in file order
 * @param strings string parameter name to value, in file order (the {@code type} itself is not among them)
 */
public record NirNode(String name, String type, Map<String, NirArray> params, Map<String, String> strings) {
    /**
     * @param name node name
     * @param type NIR type
     * @param params numeric parameters (copied)
     * @param strings string parameters (copied)
     */
    public NirNode {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        strings = Collections.unmodifiableMap(new LinkedHashMap<>(strings));
    }

    /**
     * @param param a numeric parameter's name
     * @param file the NIR file, for the message
     * @return the parameter
     * @throws ModelFormatException naming the node, its type and the parameter when the node lacks it
     */
    public NirArray require(String param, Path file) throws ModelFormatException {
        NirArray a = params.get(param);
        if (a == null) {
            throw new ModelFormatException(NirGraph.source(file), "node '" + name + "' of type " + type
                    + " has no parameter '" + param + "'");
        }
        return a;
    }

    /** @return {@code node 'NAME' of type TYPE}, for messages */
    public String describe() {
        return "node '" + name + "' of type " + type;
    }
}
