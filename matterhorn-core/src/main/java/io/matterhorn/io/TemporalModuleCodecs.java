package io.matterhorn.io;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.layer.Delay;
import io.matterhorn.snn.soma.AdaptiveLIF;
import io.matterhorn.snn.soma.Recurrent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Codecs of the modules with memory beyond one neuron's state: {@link AdaptiveLIF} (shape, dt, surrogate, which
 * of its parameters train; the per-neuron arrays travel in the state dict), {@link Recurrent} (the number of neurons
 * and
 * the neuron layer; V is {@code weight} in the state dict) and {@link Delay} (shape and integer delays, which are
 * architecture, not parameters). Registered by {@link BuiltinCodecs#registerAll()}.
 */
final class TemporalModuleCodecs {
    private TemporalModuleCodecs() {
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
        reg("AdaptiveLIF", AdaptiveLIF.class, (m, c) -> {
            List<String> trained = new ArrayList<>();
            m.namedParameters().forEach((k, v) -> {
                if (v.requiresGrad()) {
                    trained.add(k);
                }
            });
            c.put("neuron_shape", m.neuronShape()).put("dt", m.dt())
                    .putSurrogate("spiking_function", m.spikingFunction()).put("trainable", trained);
        }, c -> {
            AdaptiveLIF m = AdaptiveLIF.builder(c.getLongs("neuron_shape")).dt(c.getDouble("dt"))
                    .spikingFunction(c.getSurrogate("spiking_function")).build();
            for (String name : c.getStrings("trainable")) {
                if (!m.namedParameters().containsKey(name)) {
                    throw new IllegalArgumentException("architecture of " + c.path() + ": 'trainable' names unknown "
                            + "parameter '" + name + "'");
                }
                m.setTrainable(name, true);
            }
            return m;
        });
        reg("Recurrent", Recurrent.class, (m, c) -> c.put("features", m.features()).put("bias", m.bias() != null)
                .putModule("module", m.neuron()),
                c -> new Recurrent(c.getInt("features"), c.getModule("module"), c.has("bias") && c.getBoolean("bias"),
                        new java.util.Random(0)));
        reg("Delay", Delay.class, (m, c) -> c.put("feature_shape", m.featureShape()).put("delays", m.delays()),
                c -> new Delay(c.getLongs("feature_shape"), c.getInts("delays")));
    }
}
