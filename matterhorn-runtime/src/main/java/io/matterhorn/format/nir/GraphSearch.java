package io.matterhorn.format.nir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one depth-first search over a NIR graph's edges, shared by core's NIR reader and the runtime's compiler:
 * iterative (no recursion, whatever the graph's depth), three colours (unseen, on the search path, finished),
 * successors visited in their listed order. An edge into a node still on the search path closes a cycle (a back
 * edge) and is reported. Stateless.
 */
public final class GraphSearch {
    /** Colour of a node on the current search path. */
    public static final int ON_PATH = 1;
    /** Colour of a node whose successors are all searched. */
    public static final int FINISHED = 2;

    /** Receives the back edges. */
    @FunctionalInterface
    public interface BackEdges {
        /**
         * @param from the node the edge leaves
         * @param to the node on the search path it enters
         * @param path the search path from the start to {@code from} (live: copy what you keep)
         * @return true to stop the search here
         */
        boolean found(String from, String to, List<String> path);
    }

    private GraphSearch() {
    }

    /**
     * Searches from {@code start}, colouring what it reaches in {@code colour} (nodes coloured already, by an
     * earlier search with the same map, are not entered again).
     *
     * @param start the first node
     * @param next successors of every node
     * @param skip successors not to follow (their edges are ignored)
     * @param colour node colours, updated ({@link #ON_PATH}, {@link #FINISHED}; absent: unseen)
     * @param backEdges receives each back edge
     * @return whether {@code backEdges} stopped the search
     */
    public static boolean depthFirst(String start, Map<String, List<String>> next, Predicate<String> skip,
            Map<String, Integer> colour, BackEdges backEdges) {
        List<String> stack = new ArrayList<>();
        List<Integer> pos = new ArrayList<>();
        stack.add(start);
        pos.add(0);
        colour.put(start, ON_PATH);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            String n = stack.get(top);
            List<String> succ = next.get(n);
            int i = pos.get(top);
            if (i == succ.size()) {
                colour.put(n, FINISHED);
                stack.remove(top);
                pos.remove(top);
                continue;
            }
            pos.set(top, i + 1);
            String s = succ.get(i);
            if (skip.test(s)) {
                continue;
            }
            int c = colour.getOrDefault(s, 0);
            if (c == ON_PATH) {
                if (backEdges.found(n, s, stack)) {
                    return true;
                }
            } else if (c == 0) {
                colour.put(s, ON_PATH);
                stack.add(s);
                pos.add(0);
            }
        }
        return false;
    }
}
