package io.matterhorn.snn;

import java.util.List;

/**
 * A state dict that does not fit a module: every problem found (missing keys, unexpected keys, wrong shapes or
 * data types, NaN values) is listed in {@link #problems()} and in the message. When this is thrown by
 * {@link Module#loadStateDict}, the module has not been changed.
 */
public class StateDictException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    /**
     * @param context what was being loaded (a module or file name), first in the message
     * @param problems one line per problem, not empty
     */
    public StateDictException(String context, List<String> problems) {
        super(context + ": " + problems.size() + " problem(s) in the state dict:\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return one line per problem */
    public List<String> problems() {
        return problems;
    }
}
