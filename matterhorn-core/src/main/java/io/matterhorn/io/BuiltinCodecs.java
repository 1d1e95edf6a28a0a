package io.matterhorn.io;

import io.matterhorn.model.ResidualConnection;
import io.matterhorn.model.SEWBlock;
import io.matterhorn.model.SEWRes18;
import io.matterhorn.model.TemporalWiseAttention;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.AdditiveGraph;
import io.matterhorn.snn.container.Plain;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.container.Spatial;
import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.decoder.AvgTimeDecoder;
import io.matterhorn.snn.decoder.MinTimeDecoder;
import io.matterhorn.snn.decoder.SumSpikeDecoder;
import io.matterhorn.snn.encoder.DirectEncoder;
import io.matterhorn.snn.encoder.PoissonEncoder;
import io.matterhorn.snn.encoder.TemporalEncoder;
import io.matterhorn.snn.layer.AvgPool1d;
import io.matterhorn.snn.layer.AvgPool2d;
import io.matterhorn.snn.layer.AvgPool3d;
import io.matterhorn.snn.layer.Dropout;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.layer.MaxPool1d;
import io.matterhorn.snn.layer.MaxPool2d;
import io.matterhorn.snn.layer.MaxPool3d;
import io.matterhorn.snn.layer.PoolBase;
import io.matterhorn.snn.layer.SRM0Linear;
import io.matterhorn.snn.layer.Unflatten;
import io.matterhorn.snn.learning.STDPLinear;
import io.matterhorn.snn.learning.StdpWindow;
import io.matterhorn.snn.soma.Activation;
import io.matterhorn.snn.soma.EIF;
import io.matterhorn.snn.soma.IF;
import io.matterhorn.snn.soma.Izhikevich;
import io.matterhorn.snn.soma.IzhikevichStandard;
import io.matterhorn.snn.soma.KLIF;
import io.matterhorn.snn.soma.LIAF;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.soma.QIF;
import io.matterhorn.snn.soma.Soma;
import io.matterhorn.snn.soma.SomaBuilder;
import io.matterhorn.snn.synapse.BatchNorm1d;
import io.matterhorn.snn.synapse.BatchNorm2d;
import io.matterhorn.snn.synapse.BatchNorm3d;
import io.matterhorn.snn.synapse.BatchNormBase;
import io.matterhorn.snn.synapse.Conv1d;
import io.matterhorn.snn.synapse.Conv2d;
import io.matterhorn.snn.synapse.Conv3d;
import io.matterhorn.snn.synapse.ConvBase;
import io.matterhorn.snn.synapse.ConvBuilder;
import io.matterhorn.snn.synapse.ConvTranspose1d;
import io.matterhorn.snn.synapse.ConvTranspose2d;
import io.matterhorn.snn.synapse.ConvTranspose3d;
import io.matterhorn.snn.synapse.LayerNorm;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.ConvSpec;
import io.matterhorn.tensor.PoolSpec;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The codecs of every built-in module, described through public getters. Settings whose values are parameters
 * (tau_m, a, b, ...) are written for validation only: the state dict loaded afterwards sets them.
 */
final class BuiltinCodecs {
    private BuiltinCodecs() {
    }

    /** Construction-time weights are overwritten by the state dict; a fixed seed keeps building cheap and tidy. */
    private static Random scratch() {
        return new Random(0);
    }

    private static <M extends Module> void reg(String name, Class<M> type, ModuleCodec<M> codec) {
        Architecture.register(name, type, codec);
    }

    private static <M extends Module> ModuleCodec<M> codec(java.util.function.BiConsumer<M, ModuleConfig> describe,
            Function<ModuleConfig, M> build, String... parameterSettings) {
        Set<String> fromState = Set.of(parameterSettings);
        return new ModuleCodec<>() {
            @Override
            public Set<String> parameterSettings() {
                return fromState;
            }

            @Override
            public void describe(M module, ModuleConfig config) {
                describe.accept(module, config);
            }

            @Override
            public M build(ModuleConfig config) {
                return build.apply(config);
            }
        };
    }

    static void registerAll() {
        containers();
        somas();
        synapses();
        layers();
        codersAndModels();
        NirModuleCodecs.registerAll();
        TemporalModuleCodecs.registerAll();
    }

    // ------------------------------------------------------------------ helpers

    private static double scalar(Module m, String name) {
        return m.namedParameters().get(name).item();
    }

    private static boolean trainable(Module m, String name) {
        return m.namedParameters().get(name).requiresGrad();
    }

    private static void reset(Soma s, ModuleConfig c) {
        c.put("u_threshold", s.uThreshold()).put("u_rest", s.uRest()).put("hard_reset", s.hardReset());
    }

    /** Reads what {@link #reset(Soma, ModuleConfig)} writes into a soma's builder. */
    private static <B extends SomaBuilder<?, B>> B reset(ModuleConfig c, B builder) {
        return builder.uThreshold(c.getDouble("u_threshold")).uRest(c.getDouble("u_rest"))
                .hardReset(c.getBoolean("hard_reset"));
    }

    private static <S extends Module> S first(Module m, Class<S> type) {
        if (type.isInstance(m)) {
            return type.cast(m);
        }
        for (Module c : m.children()) {
            S s = first(c, type);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ containers

    /** Node names, modules in the same order, the inputs as a flat list of (name, input) pairs, the outputs. */
    private static void describeGraph(AdditiveGraph g, ModuleConfig c) {
        List<String> names = new ArrayList<>();
        List<Module> modules = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        for (AdditiveGraph.Node n : g.nodes()) {
            names.add(n.name());
            modules.add(n.module());
            for (String in : n.inputs()) {
                inputs.add(n.name());
                inputs.add(in);
            }
        }
        c.put("names", names).putModules("modules", modules).put("inputs", inputs).put("outputs", g.outputs());
    }

    private static AdditiveGraph buildGraph(ModuleConfig c) {
        List<String> names = c.getStrings("names");
        List<Module> modules = c.getModules("modules");
        List<String> pairs = c.getStrings("inputs");
        if (names.size() != modules.size() || pairs.size() % 2 != 0) {
            throw new IllegalArgumentException("architecture of " + c.path() + ": " + names.size() + " names, "
                    + modules.size() + " modules and " + pairs.size() + " input entries do not fit together");
        }
        Map<String, List<String>> in = new LinkedHashMap<>();
        names.forEach(n -> in.put(n, new ArrayList<>()));
        for (int i = 0; i < pairs.size(); i += 2) {
            List<String> l = in.get(pairs.get(i));
            if (l == null) {
                throw new IllegalArgumentException("architecture of " + c.path() + ": inputs name unknown node '"
                        + pairs.get(i) + "'");
            }
            l.add(pairs.get(i + 1));
        }
        List<AdditiveGraph.Node> nodes = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            nodes.add(new AdditiveGraph.Node(names.get(i), modules.get(i), in.get(names.get(i))));
        }
        return new AdditiveGraph(nodes, c.getStrings("outputs"));
    }

    private static void containers() {
        reg("Sequential", Sequential.class, codec((m, c) -> c.putModules("modules", m.children()),
                c -> new Sequential(c.getModules("modules").toArray(new Module[0]))));
        reg("AdditiveGraph", AdditiveGraph.class, codec(BuiltinCodecs::describeGraph, BuiltinCodecs::buildGraph));
        reg("Spatial", Spatial.class, codec((m, c) -> c.putModules("modules", m.children()),
                c -> new Spatial(c.getModules("modules").toArray(new Module[0]))));
        reg("Temporal", Temporal.class, codec(
                (m, c) -> c.putModule("module", m.module()).put("reset_after_process", m.resetAfterProcess()),
                c -> new Temporal(c.getModule("module"), c.getBoolean("reset_after_process"))));
        reg("Plain", Plain.class, codec((m, c) -> {
            if (m.isFunction()) {
                if (Architecture.function(m.name()) == null) {
                    throw new UndescribableModuleException("module " + c.path() + " is Plain.function(\"" + m.name()
                            + "\", ...), which wraps arbitrary code; register the function with "
                            + "Architecture.registerFunction(\"" + m.name() + "\", f) before saving and before "
                            + "loading");
                }
                c.put("function", m.name());
            } else {
                c.putModule("module", m.namedChildren().get("module"));
            }
        }, c -> {
            if (c.has("function")) {
                UnaryOperator<Tensor> f = Architecture.function(c.getString("function"));
                if (f == null) {
                    throw new IllegalArgumentException("architecture of " + c.path() + ": function '"
                            + c.getString("function") + "' is not registered; call Architecture.registerFunction "
                            + "before loading");
                }
                return Plain.function(c.getString("function"), f);
            }
            return Plain.of(c.getModule("module"));
        }));
    }

    // ------------------------------------------------------------------ somas

    private static void somas() {
        reg("IF", IF.class, codec((m, c) -> {
            reset(m, c);
            c.putSurrogate("spiking_function", m.spikingFunction());
        }, c -> reset(c, IF.builder()).spikingFunction(c.getSurrogate("spiking_function")).build()));
        reg("LIF", LIF.class, codec((m, c) -> {
            reset(m, c);
            c.putSurrogate("spiking_function", m.spikingFunction()).put("tau_m", m.tauM().item())
                    .put("trainable", m.tauM().requiresGrad());
        }, c -> reset(c, LIF.builder()).tauM(c.getDouble("tau_m")).spikingFunction(c.getSurrogate("spiking_function"))
                .trainable(c.getBoolean("trainable")).build(), "tau_m"));
        reg("QIF", QIF.class, codec((m, c) -> {
            reset(m, c);
            c.putSurrogate("spiking_function", m.spikingFunction()).put("tau_m", m.tauM().item())
                    .put("u_c", m.uC().item()).put("a_0", m.a0().item()).put("trainable", m.tauM().requiresGrad());
        }, c -> reset(c, QIF.builder()).tauM(c.getDouble("tau_m")).uC(c.getDouble("u_c")).a0(c.getDouble("a_0"))
                .spikingFunction(c.getSurrogate("spiking_function")).trainable(c.getBoolean("trainable")).build(),
                "tau_m", "u_c", "a_0"));
        reg("EIF", EIF.class, codec((m, c) -> {
            reset(m, c);
            c.putSurrogate("spiking_function", m.spikingFunction()).put("tau_m", m.tauM().item())
                    .put("u_t", m.uT().item()).put("delta_t", m.deltaT().item())
                    .put("trainable", m.tauM().requiresGrad());
        }, c -> reset(c, EIF.builder()).tauM(c.getDouble("tau_m")).uT(c.getDouble("u_t"))
                .deltaT(c.getDouble("delta_t")).spikingFunction(c.getSurrogate("spiking_function"))
                .trainable(c.getBoolean("trainable")).build(), "tau_m", "u_t", "delta_t"));
        reg("Izhikevich", Izhikevich.class, codec((m, c) -> {
            c.put("u_threshold", m.uThreshold()).put("hard_reset", m.hardReset())
                    .putSurrogate("spiking_function", m.spikingFunction()).put("a", m.a().item())
                    .put("b", m.b().item()).put("trainable", m.a().requiresGrad());
        }, c -> Izhikevich.builder().a(c.getDouble("a")).b(c.getDouble("b")).uThreshold(c.getDouble("u_threshold"))
                .spikingFunction(c.getSurrogate("spiking_function")).hardReset(c.getBoolean("hard_reset"))
                .trainable(c.getBoolean("trainable")).build(), "a", "b"));
        reg("IzhikevichStandard", IzhikevichStandard.class, codec((m, c) -> {
            c.put("a", scalar(m, "a")).put("b", scalar(m, "b")).put("c", m.uRest()).put("d", scalar(m, "d"))
                    .put("v_peak", m.uThreshold()).put("dt", m.dt())
                    .putSurrogate("spiking_function", m.spikingFunction()).put("trainable", trainable(m, "a"));
        }, c -> IzhikevichStandard.builder().a(c.getDouble("a")).b(c.getDouble("b")).c(c.getDouble("c"))
                .d(c.getDouble("d")).vPeak(c.getDouble("v_peak")).dt(c.getDouble("dt"))
                .spikingFunction(c.getSurrogate("spiking_function")).trainable(c.getBoolean("trainable")).build(),
                "a", "b", "d"));
        reg("KLIF", KLIF.class, codec((m, c) -> {
            reset(m, c);
            c.put("tau_m", m.tauM().item()).put("k", m.k().item()).put("trainable", m.tauM().requiresGrad());
        }, c -> reset(c, KLIF.builder()).tauM(c.getDouble("tau_m")).k(c.getDouble("k"))
                .trainable(c.getBoolean("trainable")).build(), "tau_m", "k"));
        reg("LIAF", LIAF.class, codec((m, c) -> {
            reset(m, c);
            c.putSurrogate("spiking_function", m.spikingFunction()).put("tau_m", m.tauM().item())
                    .put("activation", activationName(m.activation(), c.path()))
                    .put("trainable", m.tauM().requiresGrad());
        }, c -> reset(c, LIAF.builder()).tauM(c.getDouble("tau_m"))
                .spikingFunction(c.getSurrogate("spiking_function"))
                .activation(activation(c.getString("activation"), c.path())).trainable(c.getBoolean("trainable"))
                .build(), "tau_m"));
    }

    private static final Map<String, Activation> ACTIVATIONS = Map.of("relu", Activation.relu(), "identity",
            Activation.identity(), "sigmoid", Activation.sigmoid(), "tanh", Activation.tanh());

    private static String activationName(Activation a, String path) {
        for (Map.Entry<String, Activation> e : ACTIVATIONS.entrySet()) {
            if (e.getValue() == a) {
                return e.getKey();
            }
        }
        throw new UndescribableModuleException("module " + path + " is a LIAF with activation " + a
                + ", which is arbitrary code; only Activation.relu(), identity(), sigmoid() and tanh() can be "
                + "saved; register a ModuleCodec for LIAF with Architecture.register to save others");
    }

    private static Activation activation(String name, String path) {
        Activation a = ACTIVATIONS.get(name);
        if (a == null) {
            throw new IllegalArgumentException("architecture of " + path + ": unknown activation '" + name
                    + "'; expected one of " + ACTIVATIONS.keySet());
        }
        return a;
    }

    // ------------------------------------------------------------------ synapses

    private static void synapses() {
        reg("Linear", Linear.class, codec((m, c) -> c.put("in_features", m.inFeatures())
                .put("out_features", m.outFeatures()).put("bias", m.bias() != null),
                c -> new Linear(c.getInt("in_features"), c.getInt("out_features"), c.getBoolean("bias"), false,
                        scratch())));
        conv("Conv1d", Conv1d.class, Conv1d::builder);
        conv("Conv2d", Conv2d.class, Conv2d::builder);
        conv("Conv3d", Conv3d.class, Conv3d::builder);
        conv("ConvTranspose1d", ConvTranspose1d.class, ConvTranspose1d::builder);
        conv("ConvTranspose2d", ConvTranspose2d.class, ConvTranspose2d::builder);
        conv("ConvTranspose3d", ConvTranspose3d.class, ConvTranspose3d::builder);
        batchNorm("BatchNorm1d", BatchNorm1d.class, c -> new BatchNorm1d(c.getInt("num_features"),
                c.getDouble("eps"), momentum(c), c.getBoolean("affine"), c.getBoolean("track_running_stats")));
        batchNorm("BatchNorm2d", BatchNorm2d.class, c -> new BatchNorm2d(c.getInt("num_features"),
                c.getDouble("eps"), momentum(c), c.getBoolean("affine"), c.getBoolean("track_running_stats")));
        batchNorm("BatchNorm3d", BatchNorm3d.class, c -> new BatchNorm3d(c.getInt("num_features"),
                c.getDouble("eps"), momentum(c), c.getBoolean("affine"), c.getBoolean("track_running_stats")));
        reg("LayerNorm", LayerNorm.class, codec((m, c) -> c.put("normalized_shape", m.normalizedShape())
                .put("eps", m.eps()).put("elementwise_affine", m.elementwiseAffine()),
                c -> new LayerNorm(c.getInts("normalized_shape"), c.getDouble("eps"),
                        c.getBoolean("elementwise_affine"))));
    }

    private interface ConvFactory<M> {
        ConvBuilder<M> builder(int in, int out, int... kernel);
    }

    private static <M extends ConvBase> void conv(String name, Class<M> type, ConvFactory<M> factory) {
        reg(name, type, codec((m, c) -> {
            ConvSpec s = m.spec();
            c.put("in_channels", m.inChannels()).put("out_channels", m.outChannels())
                    .put("kernel_size", m.kernelSize()).put("stride", s.stride()).put("dilation", s.dilation())
                    .put("output_padding", s.outputPadding()).put("groups", s.groups()).put("bias", m.bias() != null);
            if (s.paddingMode() != null) {
                c.put("padding", s.paddingMode());
            } else {
                c.put("padding", s.padding());
            }
        }, c -> {
            ConvBuilder<M> b = factory.builder(c.getInt("in_channels"), c.getInt("out_channels"),
                    c.getInts("kernel_size")).stride(c.getInts("stride")).dilation(c.getInts("dilation"))
                    .groups(c.getInt("groups")).bias(c.getBoolean("bias")).random(scratch());
            int[] op = c.getInts("output_padding");
            if (java.util.Arrays.stream(op).anyMatch(v -> v != 0)) {
                b.outputPadding(op);
            }
            try {
                b.padding(c.getString("padding"));
            } catch (IllegalArgumentException notAString) {
                b.padding(c.getInts("padding"));
            }
            return b.build();
        }));
    }

    private static Double momentum(ModuleConfig c) {
        return c.has("momentum") ? c.getDouble("momentum") : null;
    }

    private static <M extends BatchNormBase> void batchNorm(String name, Class<M> type,
            Function<ModuleConfig, M> build) {
        reg(name, type, codec((m, c) -> {
            c.put("num_features", m.numFeatures()).put("eps", m.eps()).put("affine", m.affine())
                    .put("track_running_stats", m.trackRunningStats());
            if (m.momentum() != null) {
                c.put("momentum", m.momentum());
            }
        }, build));
    }

    // ------------------------------------------------------------------ layers

    private static void layers() {
        reg("Flatten", Flatten.class, codec((m, c) -> c.put("start_dim", m.startDim()).put("end_dim", m.endDim()),
                c -> new Flatten(c.getInt("start_dim"), c.getInt("end_dim"), false)));
        reg("Dropout", Dropout.class, codec((m, c) -> c.put("p", m.p()).put("seed", m.seed()),
                c -> new Dropout(c.getDouble("p"), c.getLong("seed"))));
        reg("Unflatten", Unflatten.class, codec((m, c) -> c.put("dim", m.dim())
                .put("unflattened_size", m.unflattenedSize()),
                c -> new Unflatten(c.getInt("dim"), c.getLongs("unflattened_size"), false)));
        pool("MaxPool1d", MaxPool1d.class, 1, MaxPool1d::new);
        pool("MaxPool2d", MaxPool2d.class, 2, MaxPool2d::new);
        pool("MaxPool3d", MaxPool3d.class, 3, MaxPool3d::new);
        pool("AvgPool1d", AvgPool1d.class, 1, AvgPool1d::new);
        pool("AvgPool2d", AvgPool2d.class, 2, AvgPool2d::new);
        pool("AvgPool3d", AvgPool3d.class, 3, AvgPool3d::new);
        reg("SRM0Linear", SRM0Linear.class, codec((m, c) -> c.put("in_features", m.inFeatures())
                .put("out_features", m.outFeatures()).put("tau_m", m.tauM().item()).put("u_threshold", m.uThreshold())
                .put("u_rest", m.uRest()).putSurrogate("spiking_function", m.spikingFunction())
                .put("trainable", m.tauM().requiresGrad()),
                c -> SRM0Linear.builder(c.getInt("in_features"), c.getInt("out_features")).tauM(c.getDouble("tau_m"))
                        .uThreshold(c.getDouble("u_threshold")).uRest(c.getDouble("u_rest"))
                        .spikingFunction(c.getSurrogate("spiking_function")).trainable(c.getBoolean("trainable"))
                        .random(scratch()).build(), "tau_m"));
        reg("STDPLinear", STDPLinear.class, codec((m, c) -> {
            StdpWindow w = m.window();
            c.put("in_features", m.inFeatures()).put("out_features", m.outFeatures()).putModule("soma", m.soma())
                    .put("a_pos", w.aPos()).put("tau_pos", w.tauPos()).put("a_neg", w.aNeg())
                    .put("tau_neg", w.tauNeg()).put("learning_rate", m.learningRate())
                    .put("weight_min", m.weightMin()).put("weight_max", m.weightMax());
        }, c -> {
            Module soma = c.getModule("soma");
            if (!(soma instanceof Soma)) {
                throw new IllegalArgumentException("architecture of " + c.path() + ": soma must be a soma, got "
                        + soma.getClass().getSimpleName());
            }
            STDPLinear.Builder b = STDPLinear.builder(c.getInt("in_features"), c.getInt("out_features"), (Soma) soma)
                    .window(new StdpWindow(c.getDouble("a_pos"), c.getDouble("tau_pos"), c.getDouble("a_neg"),
                            c.getDouble("tau_neg")))
                    .learningRate(c.getDouble("learning_rate")).random(scratch());
            double lo = c.getDouble("weight_min");
            double hi = c.getDouble("weight_max");
            if (Double.isFinite(lo) || Double.isFinite(hi)) {
                b.weightBounds(lo, hi);
            }
            return b.build();
        }));
    }

    private static <M extends PoolBase> void pool(String name, Class<M> type, int dims, Function<PoolSpec, M> make) {
        reg(name, type, codec((m, c) -> {
            PoolSpec s = m.spec();
            c.put("kernel_size", s.kernel()).put("stride", s.stride()).put("padding", s.padding())
                    .put("dilation", s.dilation()).put("ceil_mode", s.ceilMode())
                    .put("count_include_pad", s.countIncludePad()).put("divisor_override", s.divisorOverride());
        }, c -> {
            PoolSpec s = PoolSpec.of(dims, c.getInts("kernel_size")).stride(c.getInts("stride"))
                    .padding(c.getInts("padding")).ceilMode(c.getBoolean("ceil_mode"))
                    .countIncludePad(c.getBoolean("count_include_pad"));
            int[] dilation = c.getInts("dilation");
            if (java.util.Arrays.stream(dilation).anyMatch(v -> v != 1)) {
                s = s.dilation(dilation);
            }
            int divisor = c.getInt("divisor_override");
            if (divisor != 0) {
                s = s.divisorOverride(divisor);
            }
            return make.apply(s);
        }));
    }

    // ------------------------------------------------------------------ encoders, decoders, models

    private static void codersAndModels() {
        reg("DirectEncoder", DirectEncoder.class, codec((m, c) -> { }, c -> new DirectEncoder()));
        reg("PoissonEncoder", PoissonEncoder.class, codec((m, c) -> c.put("time_steps", m.timeSteps())
                .put("max_value", m.maxValue()).put("min_value", m.minValue()).put("seed", m.seed()),
                c -> new PoissonEncoder(c.getInt("time_steps"), c.getDouble("max_value"), c.getDouble("min_value"),
                        c.getLong("seed"))));
        reg("TemporalEncoder", TemporalEncoder.class, codec((m, c) -> c.put("time_steps", m.timeSteps())
                .put("max_value", m.maxValue()).put("min_value", m.minValue()).put("prob", m.prob())
                .put("reset_after_process", m.resetAfterProcess()).put("seed", m.seed()),
                c -> TemporalEncoder.builder(c.getInt("time_steps")).maxValue(c.getDouble("max_value"))
                        .minValue(c.getDouble("min_value")).prob(c.getDouble("prob"))
                        .resetAfterProcess(c.getBoolean("reset_after_process")).seed(c.getLong("seed")).build()));
        reg("AvgSpikeDecoder", AvgSpikeDecoder.class, codec((m, c) -> { }, c -> new AvgSpikeDecoder()));
        reg("SumSpikeDecoder", SumSpikeDecoder.class, codec((m, c) -> { }, c -> new SumSpikeDecoder()));
        reg("AvgTimeDecoder", AvgTimeDecoder.class, codec((m, c) -> c.put("reset_after_process",
                m.resetAfterProcess()), c -> new AvgTimeDecoder(c.getBoolean("reset_after_process"))));
        reg("MinTimeDecoder", MinTimeDecoder.class, codec((m, c) -> c.put("reset_after_process",
                m.resetAfterProcess()), c -> new MinTimeDecoder(c.getBoolean("reset_after_process"))));
        reg("TemporalWiseAttention", TemporalWiseAttention.class, codec((m, c) -> c.put("time_steps", m.timeSteps())
                .put("r", m.reduction()).put("d_threshold", m.dThreshold()),
                c -> new TemporalWiseAttention(c.getInt("time_steps"), c.getInt("r"), c.getDouble("d_threshold"),
                        scratch())));
        reg("SEWBlock", SEWBlock.class, codec((m, c) -> {
            LIF lif = first(m, LIF.class);
            c.put("in_channels", m.inChannels()).put("out_channels", m.outChannels())
                    .put("tau_m", lif.tauM().item()).putSurrogate("surrogate", lif.spikingFunction())
                    .put("connection", m.connection().name()).put("down_sampling", m.downSampling())
                    .put("trainable", lif.tauM().requiresGrad());
        }, c -> SEWBlock.builder(c.getInt("in_channels"), c.getInt("out_channels")).soma(sewSoma(c))
                .connection(connection(c)).downSampling(c.getBoolean("down_sampling")).build(), "tau_m"));
        reg("SEWRes18", SEWRes18.class, codec((m, c) -> {
            LIF lif = first(m, LIF.class);
            List<Module> layers = m.children();
            Linear head = first(layers.get(layers.size() - 1), Linear.class);
            c.put("height", m.height()).put("width", m.width()).put("num_classes", head.outFeatures())
                    .put("tau_m", lif.tauM().item()).putSurrogate("surrogate", lif.spikingFunction())
                    .put("connection", first(m, SEWBlock.class).connection().name())
                    .put("trainable", lif.tauM().requiresGrad());
        }, c -> SEWRes18.builder(c.getInt("height"), c.getInt("width"), c.getInt("num_classes")).soma(sewSoma(c))
                .connection(connection(c)).build(), "tau_m"));
    }

    /** @return the LIF settings stored with a SEW block or network */
    private static LIF.Builder sewSoma(ModuleConfig c) {
        return LIF.builder().tauM(c.getDouble("tau_m")).spikingFunction(c.getSurrogate("surrogate"))
                .trainable(c.getBoolean("trainable"));
    }

    private static ResidualConnection connection(ModuleConfig c) {
        String name = c.getString("connection");
        try {
            return ResidualConnection.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("architecture of " + c.path() + ": unknown connection '" + name
                    + "'; expected ADD, AND or IAND");
        }
    }
}
