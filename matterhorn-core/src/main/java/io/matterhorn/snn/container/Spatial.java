package io.matterhorn.snn.container;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.StepMode;
import io.matterhorn.tensor.Tensor;

/**
 * Applies its children in order, {@code y = m_n(... m_2(m_1(x)))}, without handling time. Its step mode is the
 * OR of its children's modes. Typical use: several single-step modules for one time step, wrapped in a
 * {@link Temporal}.
 */
public class Spatial extends Module {
    /**
     * @param modules the children, applied in this order; at least one
     */
    public Spatial(Module... modules) {
        if (modules.length == 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs at least one module");
        }
        for (int i = 0; i < modules.length; i++) {
            registerChild(Integer.toString(i), modules[i]);
        }
        forceStepMode(anyMulti() ? StepMode.MULTI : StepMode.SINGLE);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = x;
        for (Module m : children()) {
            y = m.forward(y);
        }
        return y;
    }

    /**
     * Sets the mode on every child that supports it; the container's mode becomes the OR of its children's.
     *
     * @param mode wanted mode
     * @return always true, as in 1.0.1
     */
    @Override
    public boolean setStepMode(StepMode mode) {
        for (Module m : children()) {
            m.setStepMode(mode);
        }
        forceStepMode(anyMulti() ? StepMode.MULTI : StepMode.SINGLE);
        return true;
    }

    private boolean anyMulti() {
        for (Module m : children()) {
            if (m.isMultiStep()) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected String describe() {
        return getClass().getSimpleName();
    }
}
