package io.matterhorn.data.transform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.random.RandomGenerator;

/** A generator that returns scripted values, so tests can state expected results by hand; records int bounds. */
final class ScriptedRandom implements RandomGenerator {

    private final Deque<Double> doubles = new ArrayDeque<>();
    private final Deque<Double> gaussians = new ArrayDeque<>();
    private final Deque<Integer> ints = new ArrayDeque<>();
    final List<Integer> bounds = new ArrayList<>();

    ScriptedRandom withDoubles(double... v) {
        for (double d : v) {
            doubles.add(d);
        }
        return this;
    }

    ScriptedRandom withGaussians(double... v) {
        for (double d : v) {
            gaussians.add(d);
        }
        return this;
    }

    ScriptedRandom withInts(int... v) {
        for (int i : v) {
            ints.add(i);
        }
        return this;
    }

    boolean exhausted() {
        return doubles.isEmpty() && gaussians.isEmpty() && ints.isEmpty();
    }

    @Override
    public double nextDouble() {
        return doubles.remove();
    }

    @Override
    public double nextGaussian() {
        return gaussians.remove();
    }

    @Override
    public int nextInt(int bound) {
        bounds.add(bound);
        int v = ints.remove();
        if (v < 0 || v >= bound) {
            throw new AssertionError("scripted int " + v + " outside [0, " + bound + ")");
        }
        return v;
    }

    @Override
    public long nextLong() {
        throw new AssertionError("unexpected nextLong()");
    }
}
