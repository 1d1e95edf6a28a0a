package io.matterhorn.examples.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code --name value} and {@code --flag} command-line options, rejecting unknown names with a message
 * that lists the known ones.
 */
public final class Options {
    private final Map<String, String> values = new HashMap<>();

    private Options() {
    }

    /**
     * @param args arguments after the command name
     * @param known option names (without dashes) that take a value
     * @param flags option names that take no value
     * @return the parsed options
     */
    public static Options parse(List<String> args, Set<String> known, Set<String> flags) {
        Options o = new Options();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'; options look like --name value");
            }
            String name = a.substring(2);
            if (flags.contains(name)) {
                o.values.put(name, "true");
            } else if (known.contains(name)) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("option --" + name + " needs a value");
                }
                o.values.put(name, args.get(++i));
            } else {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + known + " " + flags);
            }
        }
        return o;
    }

    /**
     * @param name option name
     * @param def default
     * @return the integer value
     */
    public int getInt(String name, int def) {
        String v = values.get(name);
        try {
            return v == null ? def : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs an integer, got '" + v + "'");
        }
    }

    /**
     * @param name option name
     * @param def default
     * @return the long value
     */
    public long getLong(String name, long def) {
        String v = values.get(name);
        try {
            return v == null ? def : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs an integer, got '" + v + "'");
        }
    }

    /**
     * @param name option name
     * @param def default
     * @return the number
     */
    public double getDouble(String name, double def) {
        String v = values.get(name);
        try {
            return v == null ? def : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a number, got '" + v + "'");
        }
    }

    /**
     * @param name option name
     * @param def default
     * @return the string value
     */
    public String getString(String name, String def) {
        return values.getOrDefault(name, def);
    }

    /**
     * @param name flag name
     * @return whether the flag was given
     */
    public boolean has(String name) {
        return values.containsKey(name);
    }
}
