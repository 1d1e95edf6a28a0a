package io.matterhorn.nir;

import java.util.Map;

/**
 * One node of a NIR graph as read from the file: its (flattened) name, its type string and its parameters as float
 * arrays with their shapes. Immutable.
 *
 * @param name node name ("outer.inner" for nodes of nested graphs)
 * @param type NIR type, e.g. "LIF"
 * @param params parameter name to array
 */
record NirNode(String name, String type, Map<String, NirArray> params) {
    NirArray require(String param, java.nio.file.Path file) {
        NirArray a = params.get(param);
        if (a == null) {
            throw new NirFormatException(file, "node '" + name + "' of type " + type + " has no parameter '" + param
                    + "'");
        }
        return a;
    }
}
