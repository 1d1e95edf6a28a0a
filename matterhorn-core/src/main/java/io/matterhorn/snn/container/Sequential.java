package io.matterhorn.snn.container;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.StepMode;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The usual way to build a spiking network: children run in order on {@code [T, B, ...]} tensors. The
 * constructor rewrites the child list as matterhorn 1.0.1 does:
 *
 * <ol>
 *   <li>a plain module ({@link Module#isPlain()}, e.g. {@link Plain}) stays as it is;</li>
 *   <li>a module already in multi-step mode stays as it is;</li>
 *   <li>a single-step module that supports multi-step (synapses, layers) is switched to multi-step in place;</li>
 *   <li>consecutive single-step-only modules (somas) are grouped: one module {@code m} becomes
 *       {@code Temporal(m)}, several become {@code Temporal(Spatial(m1, ..., mk))}.</li>
 * </ol>
 *
 * Example: {@code Sequential(Linear, LIF, LIF, Linear, IF)} becomes
 * {@code [Linear(multi), Temporal(Spatial(LIF, LIF)), Linear(multi), Temporal(IF)]}.
 */
public class Sequential extends Module {

    /**
     * @param modules children in order; rewritten as described above
     */
    public Sequential(Module... modules) {
        this(true, modules);
    }

    /**
     * @param resetAfterProcess passed to the {@link Temporal} wrappers created for single-step modules
     * @param modules children in order
     */
    public Sequential(boolean resetAfterProcess, Module... modules) {
        if (modules.length == 0) {
            throw new IllegalArgumentException("Sequential needs at least one module");
        }
        List<Module> rewritten = new ArrayList<>();
        List<Module> group = new ArrayList<>();
        for (Module m : modules) {
            if (m == null) {
                throw new IllegalArgumentException("Sequential: module " + rewritten.size() + " is null");
            }
            if (!m.isPlain() && !m.isMultiStep() && !m.supportsMultiStep()) {
                group.add(m);
                continue;
            }
            flush(group, rewritten, resetAfterProcess);
            if (!m.isPlain() && !m.isMultiStep()) {
                m.setStepMode(StepMode.MULTI);
            }
            rewritten.add(m);
        }
        flush(group, rewritten, resetAfterProcess);
        for (int i = 0; i < rewritten.size(); i++) {
            registerChild(Integer.toString(i), rewritten.get(i));
        }
        forceStepMode(StepMode.MULTI);
    }

    private static void flush(List<Module> group, List<Module> out, boolean resetAfterProcess) {
        if (group.isEmpty()) {
            return;
        }
        Module inner = group.size() == 1 ? group.get(0) : new Spatial(group.toArray(new Module[0]));
        out.add(new Temporal(inner, resetAfterProcess));
        group.clear();
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = x;
        for (Module m : children()) {
            y = m.forward(y);
        }
        return y;
    }

    @Override
    protected String describe() {
        return "Sequential";
    }
}
