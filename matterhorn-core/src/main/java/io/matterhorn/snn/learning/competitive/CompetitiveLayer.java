package io.matterhorn.snn.learning.competitive;

import io.matterhorn.neuron.ExponentialLif;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A Diehl-and-Cook excitatory layer: {@code neurons} LIF neurons fully connected to {@code inputs} Poisson inputs,
 * with lateral inhibition, adaptive thresholds, pre-synaptic-trace STDP and weight normalisation, simulated one
 * sample at a time in discrete steps. One presentation of an input image {@code p [inputs]} (intensities in
 * [0, 1]) runs {@code steps} steps from a rested state ({@code v = 0}, traces 0; theta is kept):
 *
 * <pre>
 *   s_i(t)  ~ Bernoulli(r p_i)                                  input spikes, r = maxRate
 *   v_j(t)  = exp(-1/tau_m) v_j(t-1) + sum_i W[j, i] s_i(t)     current-based LIF (ExponentialLif, dt = 1)
 *   spikes  = LateralInhibition.fire(v, threshold + theta)      winner-take-all or graded inhibition
 *   v_j     = 0 for every neuron that spiked                    reset (ExponentialLif, v_reset = 0)
 *   theta   : AdaptiveThreshold.step(spikes)                    (learning only)
 *   x       : PreTraceStdp.advance(s(t))
 *   W[j, :] : PreTraceStdp.onPostSpike, then WeightNormalisation.normaliseRow, for each spiking j (learning only)
 * </pre>
 *
 * If a presentation yields fewer than {@code minSpikes} output spikes, it is repeated with {@code r} raised by
 * {@code rateBoost}, at most {@code maxRepeats} times (as in the paper; what the rejected presentation learned is
 * kept, and the returned counts are those of the last presentation). During evaluation
 * ({@code learn = false}) the weights and thresholds are frozen. The initial weights are uniform in
 * {@code [0, 0.3 w_max)} and then normalised. Everything is drawn from one {@link SplittableRandom} seeded at
 * construction, so a seed fixes all results. The neurons' charge and reset are the neuron family
 * {@link ExponentialLif} ({@link ExponentialLif#chargeEvents(float[], int, float[], int, int[], int)} adds the
 * weights of the inputs that spiked, one at a time, onto the leaked potentials). Not thread-safe.
 */
public final class CompetitiveLayer {
    private final CompetitiveSettings settings;
    private final float[] weights;
    private final AdaptiveThreshold theta;
    private final LateralInhibition inhibition;
    private final PreTraceStdp stdp;
    private final WeightNormalisation normalisation;
    private final SplittableRandom random;
    private final ExponentialLif membrane;
    private final float[] v;
    private final float[] thresholds;
    private final float[] outSpikes;
    private final float[] inSpikes;
    private final int[] active;
    private long stdpNanos;
    private long postSpikes;

    /**
     * @param settings sizes and constants
     * @param seed seed of the initial weights and of the input spikes
     */
    public CompetitiveLayer(CompetitiveSettings settings, long seed) {
        this.settings = settings;
        int n = settings.neurons();
        int in = settings.inputs();
        this.theta = new AdaptiveThreshold(n, settings.thetaPlus(), settings.tauTheta());
        this.inhibition = settings.winnerTakeAll() ? LateralInhibition.winnerTakeAll()
                : LateralInhibition.graded(settings.inhibition());
        this.stdp = new PreTraceStdp(in, settings.eta(), settings.xTarget(), settings.weightMax(), settings.mu(),
                settings.tauPre());
        this.normalisation = new WeightNormalisation(settings.weightSum());
        this.random = new SplittableRandom(seed);
        this.weights = new float[n * in];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = (float) (0.3 * settings.weightMax() * random.nextDouble());
        }
        normalisation.normaliseAll(weights, n, in);
        this.membrane = new ExponentialLif(1.0, settings.tauM(), 0f);
        this.v = new float[n];
        this.thresholds = new float[n];
        this.outSpikes = new float[n];
        this.inSpikes = new float[in];
        this.active = new int[in];
    }

    /**
     * Presents one sample.
     *
     * @param image input intensities, [inputs], each in [0, 1]
     * @param learn true to apply STDP, normalisation and threshold adaptation; false to evaluate (frozen)
     * @return output spike counts of the last (accepted) presentation, [neurons]
     * @throws IllegalArgumentException if the image is not [inputs]
     */
    public int[] present(float[] image, boolean learn) {
        if (image.length != settings.inputs()) {
            throw new IllegalArgumentException("competitive layer: image has " + image.length
                    + " values, expected [inputs] = " + settings.inputs());
        }
        theta.setFrozen(!learn);
        int[] counts = new int[settings.neurons()];
        double rate = settings.maxRate();
        for (int attempt = 0; ; attempt++) {
            int total = run(image, Math.min(1.0, rate), learn, counts);
            if (total >= settings.minSpikes() || attempt >= settings.maxRepeats()) {
                return counts;
            }
            rate += settings.rateBoost();
        }
    }

    private int run(float[] image, double rate, boolean learn, int[] counts) {
        int n = settings.neurons();
        int in = settings.inputs();
        membrane.rest(v, n);
        Arrays.fill(counts, 0);
        stdp.reset();
        int total = 0;
        for (int t = 0; t < settings.steps(); t++) {
            int nActive = 0;
            for (int i = 0; i < in; i++) {
                float p = image[i];
                boolean s = p > 0f && random.nextDouble() < rate * p;
                inSpikes[i] = s ? 1f : 0f;
                if (s) {
                    active[nActive++] = i;
                }
            }
            membrane.chargeEvents(v, n, weights, in, active, nActive);
            for (int j = 0; j < n; j++) {
                thresholds[j] = (float) settings.threshold() + theta.theta(j);
            }
            int fired = inhibition.fire(v, thresholds, membrane.vReset(), outSpikes);
            stdp.advance(inSpikes);
            if (fired > 0) {
                membrane.reset(v, outSpikes, n);
                for (int j = 0; j < n; j++) {
                    if (outSpikes[j] != 0f) {
                        counts[j]++;
                        if (learn) {
                            long start = System.nanoTime();
                            stdp.onPostSpike(weights, j);
                            normalisation.normaliseRow(weights, j, in);
                            stdpNanos += System.nanoTime() - start;
                            postSpikes++;
                        }
                    }
                }
                total += fired;
            }
            theta.step(outSpikes);
        }
        return total;
    }

    /** @return a copy of W, flat row-major [neurons, inputs] */
    public float[] weights() {
        return weights.clone();
    }

    /** @return a copy of the adaptive thresholds theta, [neurons] */
    public float[] thetas() {
        return theta.values();
    }

    /** @return the settings */
    public CompetitiveSettings settings() {
        return settings;
    }

    /** @return wall time spent in STDP updates and normalisation since construction, in nanoseconds */
    public long stdpNanos() {
        return stdpNanos;
    }

    /** @return output spikes that triggered a weight update since construction */
    public long learnedSpikes() {
        return postSpikes;
    }
}
