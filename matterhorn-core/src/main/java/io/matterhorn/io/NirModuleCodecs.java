package io.matterhorn.io;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.soma.ArrayLIF;
import io.matterhorn.snn.soma.CubaLI;
import io.matterhorn.snn.soma.CubaLIF;
import io.matterhorn.snn.soma.Integrator;
import io.matterhorn.snn.soma.LI;
import io.matterhorn.nir.module.Threshold;
import io.matterhorn.nir.module.AnalogFlatten;
import io.matterhorn.nir.module.LinearPool2d;
import io.matterhorn.nir.module.Scale;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Codecs of the modules added for NIR: the per-neuron-array somas ({@link LI}, {@link ArrayLIF}, {@link CubaLIF},
 * {@link CubaLI}, {@link Integrator}: shape, dt, surrogate; their parameter arrays travel in the state dict),
 * {@link Threshold}, {@link Scale}, {@link AnalogFlatten} and {@link LinearPool2d}. Registered by
 * {@link BuiltinCodecs#registerAll()}.
 */
final class NirModuleCodecs {
    private NirModuleCodecs() {
    }

    private static <M extends Module> void reg(String name, Class<M> type, BiConsumer<M, ModuleConfig> describe,
            Function<ModuleConfig, M> build) {
        Architecture.register(name, type, new ModuleCodec<>() {
            @Override
            public void describe(M module, ModuleConfig config) {
                describe.accept(module, config);
            }

            @Override
            public M build(ModuleConfig config) {
                return build.apply(config);
            }
        });
    }

    static void registerAll() {
        reg("LI", LI.class, (m, c) -> c.put("neuron_shape", m.neuronShape()).put("dt", m.dt()),
                c -> new LI(c.getLongs("neuron_shape"), c.getDouble("dt")));
        reg("ArrayLIF", ArrayLIF.class, (m, c) -> c.put("neuron_shape", m.neuronShape()).put("dt", m.dt())
                .put("leaky", m.leaky()).putSurrogate("spiking_function", m.spikingFunction()),
                c -> c.getBoolean("leaky")
                        ? ArrayLIF.leaky(c.getLongs("neuron_shape"), c.getDouble("dt"),
                                c.getSurrogate("spiking_function"))
                        : ArrayLIF.nonLeaky(c.getLongs("neuron_shape"), c.getDouble("dt"),
                                c.getSurrogate("spiking_function")));
        reg("CubaLIF", CubaLIF.class, (m, c) -> c.put("neuron_shape", m.neuronShape()).put("dt", m.dt())
                .putSurrogate("spiking_function", m.spikingFunction()),
                c -> new CubaLIF(c.getLongs("neuron_shape"), c.getDouble("dt"), c.getSurrogate("spiking_function")));
        reg("CubaLI", CubaLI.class, (m, c) -> c.put("neuron_shape", m.neuronShape()).put("dt", m.dt()),
                c -> new CubaLI(c.getLongs("neuron_shape"), c.getDouble("dt")));
        reg("Integrator", Integrator.class, (m, c) -> c.put("neuron_shape", m.neuronShape()).put("dt", m.dt()),
                c -> new Integrator(c.getLongs("neuron_shape"), c.getDouble("dt")));
        reg("Threshold", Threshold.class, (m, c) -> c.put("neuron_shape", m.neuronShape())
                .putSurrogate("spiking_function", m.spikingFunction()),
                c -> new Threshold(c.getLongs("neuron_shape"), c.getSurrogate("spiking_function")));
        reg("Scale", Scale.class, (m, c) -> c.put("feature_shape", m.featureShape()),
                c -> new Scale(c.getLongs("feature_shape")));
        reg("AnalogFlatten", AnalogFlatten.class, (m, c) -> c.put("start_dim", m.startDim()).put("end_dim", m.endDim()),
                c -> new AnalogFlatten(c.getInt("start_dim"), c.getInt("end_dim")));
        reg("LinearPool2d", LinearPool2d.class, (m, c) -> c.put("kernel_size", m.kernel()).put("stride", m.stride())
                .put("padding", m.padding()).put("sum", m.isSum()),
                c -> c.getBoolean("sum") ? LinearPool2d.sum(c.getInts("kernel_size"), c.getInts("stride"),
                        c.getInts("padding")) : LinearPool2d.mean(c.getInts("kernel_size"), c.getInts("stride"),
                        c.getInts("padding")));
    }
}
