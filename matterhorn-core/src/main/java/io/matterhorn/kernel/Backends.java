package io.matterhorn.kernel;

import io.matterhorn.numeric.ChannelSums;
import io.matterhorn.numeric.FloatBits;
import io.matterhorn.numeric.PoissonDraws;
import io.matterhorn.numeric.ScatterConv;
import io.matterhorn.numeric.SparseRows;
import io.matterhorn.numeric.SpikeConv;
import io.matterhorn.numeric.SpikeMatmul;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the kernel backend once per JVM from the system property {@code matterhorn.backend}:
 *
 * <ul>
 *   <li>{@code auto} (default, also when unset or blank): the available {@link KernelProvider} with the highest
 *       rank (cuda &gt; native &gt; java); logs once at DEBUG what it picked and why each other was skipped (the
 *       INFO start-up line of {@code io.matterhorn.Matterhorn} repeats it);</li>
 *   <li>{@code java}, {@code native}, {@code cuda}: exactly that provider; if it is not on the class path or
 *       cannot run here, {@link #selection()} throws IllegalStateException with the cause;</li>
 *   <li>anything else: IllegalArgumentException listing the valid names.</li>
 * </ul>
 *
 * Providers are found with {@link ServiceLoader}; matterhorn-core registers {@code java}, the optional
 * matterhorn-native module registers {@code native} and {@code cuda}. Typical use from a module:
 * {@code Backends.soma().forward(spec, ...)}.
 */
public final class Backends {
    /** The system property read on first use. */
    public static final String PROPERTY = "matterhorn.backend";
    private static final List<String> KNOWN = List.of("auto", "java", "native", "cuda");
    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
    private static volatile Selection selected;

    private Backends() {
    }

    /**
     * The backend chosen for this JVM (chosen and logged on the first call, then cached).
     *
     * @return the selection
     * @throws IllegalStateException if an explicitly requested backend cannot be used (the same exception is
     *     thrown again on every later call)
     * @throws IllegalArgumentException for an unknown backend name
     */
    public static Selection selection() {
        Selection s = selected;
        if (s == null) {
            synchronized (Backends.class) {
                s = selected;
                if (s == null) {
                    s = select(System.getProperty(PROPERTY), discover());
                    LOG.debug(s.describe());
                    ScatterConv.accelerate(s.provider().convScatter());
                    SpikeConv.accelerate(s.provider().spikeConv());
                    FloatBits.accelerate(s.provider().floatScans());
                    ChannelSums.accelerate(s.provider().channelSums());
                    PoissonDraws.accelerate(s.provider().poissonDraws());
                    SpikeMatmul.accelerate(s.provider().spikeMatmul());
                    SparseRows.accelerate(s.provider().sparseRows());
                    selected = s;
                }
            }
        }
        return s;
    }

    /** @return the chosen provider (see {@link #selection()}) */
    public static KernelProvider provider() {
        return selection().provider();
    }

    /** @return the chosen provider's soma kernels */
    public static SomaKernels soma() {
        return provider().somaKernels();
    }

    /** @return the chosen provider's STDP kernels */
    public static StdpKernels stdp() {
        return provider().stdpKernels();
    }

    /**
     * All providers registered with {@link ServiceLoader} (a provider class that fails to load is skipped and
     * logged at WARN).
     *
     * @return the providers, highest rank first
     */
    public static List<KernelProvider> discover() {
        List<KernelProvider> found = new ArrayList<>();
        Iterator<KernelProvider> it = ServiceLoader.load(KernelProvider.class, Backends.class.getClassLoader())
                .iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                LOG.warn("matterhorn kernels: skipping a provider that failed to load: {}", e.toString());
            }
        }
        found.sort(Comparator.comparingInt(KernelProvider::rank).reversed());
        return found;
    }

    /**
     * Picks a provider without caching or logging (the rule of {@link #selection()}).
     *
     * @param request the property value: auto, java, native, cuda; null or blank means auto
     * @param providers candidates
     * @return the selection
     * @throws IllegalArgumentException for an unknown name
     * @throws IllegalStateException if an explicit request cannot be met, or no provider is available
     */
    public static Selection select(String request, List<KernelProvider> providers) {
        String want = request == null || request.isBlank() ? "auto" : request.trim().toLowerCase(Locale.ROOT);
        List<KernelProvider> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparingInt(KernelProvider::rank).reversed());
        if (!KNOWN.contains(want) && sorted.stream().noneMatch(p -> p.name().equals(want))) {
            throw new IllegalArgumentException(PROPERTY + ": unknown backend '" + request + "'; expected one of "
                    + KNOWN);
        }
        if (!want.equals("auto")) {
            return explicit(want, sorted);
        }
        List<String> skipped = new ArrayList<>();
        KernelProvider chosen = null;
        for (KernelProvider p : sorted) {
            Availability a = p.availability();
            if (chosen != null) {
                skipped.add(p.name() + " (slower: rank " + p.rank() + " < " + chosen.rank()
                        + (a.available() ? "" : "; also unavailable: " + a.reason()) + ")");
            } else if (a.available()) {
                chosen = p;
            } else {
                skipped.add(p.name() + " (" + a.reason() + ")");
            }
        }
        if (chosen == null) {
            throw new IllegalStateException(PROPERTY + "=auto: no kernel provider is available; skipped " + skipped);
        }
        return new Selection(chosen, "auto", chosen.availability().reason(), List.copyOf(skipped));
    }

    private static Selection explicit(String want, List<KernelProvider> sorted) {
        for (KernelProvider p : sorted) {
            if (p.name().equals(want)) {
                Availability a = p.availability();
                if (!a.available()) {
                    throw new IllegalStateException(PROPERTY + "=" + want + " was requested but the " + want
                            + " backend cannot run here: " + a.reason(), a.cause());
                }
                return new Selection(p, want, a.reason(), List.of());
            }
        }
        throw new IllegalStateException(PROPERTY + "=" + want + " was requested but no '" + want
                + "' kernel provider is on the class path" + (want.equals("java") ? ""
                        : " (add the io.matterhorn:matterhorn-native module)"));
    }

    /**
     * The outcome of a backend choice.
     *
     * @param provider the chosen provider
     * @param request the normalised request (auto, java, native, cuda)
     * @param detail the chosen provider's availability detail
     * @param skipped for auto: each other provider with the reason it was not chosen
     */
    public record Selection(KernelProvider provider, String request, String detail, List<String> skipped) {
        /** @return one line for the log: what was picked and why others were skipped */
        public String describe() {
            String s = "matterhorn kernels: " + PROPERTY + "=" + request + " -> " + provider.name() + " (" + detail
                    + ")";
            return skipped.isEmpty() ? s : s + "; skipped " + String.join(", ", skipped);
        }
    }
}
