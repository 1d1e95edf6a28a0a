package io.matterhorn.snn.monitor;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.soma.Soma;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Records outputs and membrane potentials of named modules during {@code forward}, for plots and statistics.
 *
 * <pre>{@code
 * Monitor monitor = new Monitor();
 * Sequential net = new Sequential(new Linear(784, 128), monitor.membrane("hidden", new LIF()),
 *         new Linear(128, 10), monitor.output("out", new LIF()), new AvgSpikeDecoder());
 * net.forward(x);                                 // x: [T, B, 784]
 * INDArray spikes = monitor.sequence("out");      // [T, B, 10]
 * INDArray u = monitor.sequence("hidden");        // [T, B, 128], potential after each step's reset
 * float[] rates = monitor.firingRates("out");     // spikes per neuron and step, averaged over T and B
 * }</pre>
 *
 * <p>Each record is a detached copy, kept until {@link #clear()}; memory grows with every recorded call, so clear
 * between batches or {@link #setEnabled(boolean) disable} the monitor while training. A recording holds either
 * whole sequences {@code [T, B, ...]} (a probe of a multi-step module) or single steps {@code [B, ...]} (a probe
 * of a single-step module, and every membrane probe). Not thread-safe.
 */
public final class Monitor {

    private final Map<String, Recording> recordings = new LinkedHashMap<>();
    private boolean enabled = true;

    /** A list of records and whether each is one time step. */
    private static final class Recording {
        final List<INDArray> records = new ArrayList<>();
        boolean steps;
    }

    /**
     * Wraps a module so that its output is recorded under {@code name}.
     *
     * @param name   a name not used by another probe of this monitor
     * @param module the module (any step mode)
     * @return the probe, to put into the network in place of {@code module}
     * @throws IllegalArgumentException if the name is taken
     */
    public Probe output(String name, Module module) {
        return add(name, Objects.requireNonNull(module, "module"), false);
    }

    /**
     * Wraps a soma so that its membrane potential after every step (after the reset) is recorded under
     * {@code name}.
     *
     * @param name a name not used by another probe of this monitor
     * @param soma the soma, in single-step mode (the default of a new soma)
     * @return the probe, to put into the network in place of {@code soma}
     * @throws IllegalArgumentException if the name is taken or the soma is in multi-step mode
     */
    public Probe membrane(String name, Soma soma) {
        return add(name, Objects.requireNonNull(soma, "soma"), true);
    }

    private Probe add(String name, Module module, boolean membrane) {
        Objects.requireNonNull(name, "name");
        if (recordings.containsKey(name)) {
            throw new IllegalArgumentException("Monitor: the name '" + name + "' is already in use");
        }
        Probe p = new Probe(name, module, membrane, this);
        recordings.put(name, new Recording());
        return p;
    }

    void record(String name, INDArray value, boolean step) {
        Recording r = recordings.get(name);
        if (r.records.isEmpty()) {
            r.steps = step;
        }
        r.records.add(value);
    }

    /**
     * Turns recording on or off (default on); probes still run their modules when off.
     *
     * @param enabled {@code true} to record
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Tells whether recording is on.
     *
     * @return {@code true} when probes record
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Returns the probe names, in creation order.
     *
     * @return an unmodifiable set
     */
    public Set<String> names() {
        return java.util.Collections.unmodifiableSet(recordings.keySet());
    }

    /**
     * Returns the raw records of one probe.
     *
     * @param name the probe name
     * @return an unmodifiable list of detached copies, in call order
     * @throws IllegalArgumentException if there is no such probe
     */
    public List<INDArray> records(String name) {
        return List.copyOf(recording(name).records);
    }

    /**
     * Returns everything one probe recorded as one sequence: step records stacked along a new time axis, sequence
     * records concatenated along their time axis.
     *
     * @param name the probe name
     * @return {@code [T, B, ...]}
     * @throws IllegalArgumentException if there is no such probe
     * @throws IllegalStateException    if nothing was recorded, or the records differ in shape
     */
    public INDArray sequence(String name) {
        Recording r = recording(name);
        if (r.records.isEmpty()) {
            throw new IllegalStateException("Monitor: probe '" + name + "' has recorded nothing yet");
        }
        INDArray[] parts = r.records.toArray(new INDArray[0]);
        try {
            return r.steps ? Nd4j.stack(0, parts) : Nd4j.concat(0, parts);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Monitor: records of '" + name + "' differ in shape (did the batch size "
                    + "change? clear() between runs)", e);
        }
    }

    /**
     * Returns the mean output per neuron over time and batch: for spikes, the firing rate in spikes per step,
     * {@code rate[n] = (1 / (T * B)) * sum_{t, b} s[t, b, n]}.
     *
     * @param name the probe name
     * @return one value per neuron, in C order of the step shape without the batch
     * @throws IllegalArgumentException if there is no such probe
     * @throws IllegalStateException    if nothing was recorded
     */
    public float[] firingRates(String name) {
        INDArray s = sequence(name);
        if (s.rank() < 3) {
            return new float[] {s.meanNumber().floatValue()};
        }
        return s.mean(0, 1).ravel().toFloatVector();
    }

    /**
     * Returns the mean output of all neurons over time and batch.
     *
     * @param name the probe name
     * @return the average of {@link #firingRates(String)}
     */
    public double meanFiringRate(String name) {
        return sequence(name).meanNumber().doubleValue();
    }

    /** Drops every record (the probes stay). */
    public void clear() {
        for (Recording r : recordings.values()) {
            r.records.clear();
        }
    }

    private Recording recording(String name) {
        Recording r = recordings.get(name);
        if (r == null) {
            throw new IllegalArgumentException("Monitor: no probe named '" + name + "'; probes: "
                    + recordings.keySet());
        }
        return r;
    }
}
