package io.matterhorn.optim;

import java.util.Map;

/**
 * The one-cycle policy (Smith and Topin; PyTorch's {@code OneCycleLR} with cosine annealing, two phases), stepped
 * once per batch for {@code totalSteps} steps. Each group's rate when the schedule is created is its peak
 * {@code max} (PyTorch's {@code max_lr}); with {@code initial = max / divFactor}, {@code min = initial /
 * finalDivFactor}, {@code s1 = pctStart * totalSteps - 1} and {@code s2 = totalSteps - 1}:
 *
 * <pre>
 *   cos(a, b, x) = b + (a - b) (1 + cos(pi x)) / 2
 *   lr(e) = cos(initial, max, e / s1)                 for e &lt;= s1
 *   lr(e) = cos(max, min, (e - s1) / (s2 - s1))       otherwise
 * </pre>
 *
 * Momentum cycling is not done. Stepping past {@code totalSteps} throws, as PyTorch does. Not thread-safe.
 */
public final class OneCycleLR extends LRScheduler {
    private final int totalSteps;
    private final double pctStart;
    private final double divFactor;
    private final double finalDivFactor;

    /**
     * With PyTorch's defaults: pctStart 0.3, divFactor 25, finalDivFactor 1e4.
     *
     * @param optimizer the optimiser; its group rates are the peaks
     * @param totalSteps steps of the cycle, at least 2
     */
    public OneCycleLR(Optimizer optimizer, int totalSteps) {
        this(optimizer, totalSteps, 0.3, 25, 1e4);
    }

    /**
     * @param optimizer the optimiser; its group rates are the peaks
     * @param totalSteps steps of the cycle, at least 2
     * @param pctStart fraction of the steps spent increasing, in (0, 1), with {@code pctStart * totalSteps > 1}
     * @param divFactor peak / initial rate, positive
     * @param finalDivFactor initial / final rate, positive
     */
    public OneCycleLR(Optimizer optimizer, int totalSteps, double pctStart, double divFactor,
            double finalDivFactor) {
        super(optimizer);
        if (totalSteps < 2) {
            throw new IllegalArgumentException("OneCycleLR totalSteps must be at least 2, got " + totalSteps);
        }
        if (!(pctStart > 0 && pctStart < 1) || pctStart * totalSteps - 1 <= 0
                || pctStart * totalSteps - 1 >= totalSteps - 1) {
            throw new IllegalArgumentException("OneCycleLR pctStart must be in (0, 1) and leave both phases at least "
                    + "one step, got " + pctStart + " of " + totalSteps + " steps");
        }
        this.totalSteps = totalSteps;
        this.pctStart = pctStart;
        this.divFactor = requireFactor("OneCycleLR divFactor", divFactor);
        this.finalDivFactor = requireFactor("OneCycleLR finalDivFactor", finalDivFactor);
        start();
    }

    @Override
    public double rateAt(int e, double baseRate) {
        if (e > totalSteps) {
            throw new IllegalStateException("OneCycleLR stepped " + e + " times, more than its " + totalSteps
                    + " total steps");
        }
        double initial = baseRate / divFactor;
        double min = initial / finalDivFactor;
        double s1 = pctStart * totalSteps - 1;
        double s2 = totalSteps - 1;
        return e <= s1 ? anneal(initial, baseRate, e / s1) : anneal(baseRate, min, (e - s1) / (s2 - s1));
    }

    private static double anneal(double from, double to, double pct) {
        return to + (from - to) * (1 + Math.cos(Math.PI * pct)) / 2;
    }

    /** Settings {@code total_steps}, {@code pct_start}, {@code div_factor}, {@code final_div_factor}. */
    @Override
    protected void settings(Map<String, Double> out) {
        out.put("total_steps", (double) totalSteps);
        out.put("pct_start", pctStart);
        out.put("div_factor", divFactor);
        out.put("final_div_factor", finalDivFactor);
    }
}
