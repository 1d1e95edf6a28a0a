package io.matterhorn.plot;

import java.awt.Color;

/**
 * The colours of the original's plotter: polarity channel 1 (ON) blue {@code #0000ff}, channel 0 (OFF) red
 * {@code #ff0000}, data without polarity green {@code #00ff00}; a cell's count is shown in 8 levels interpolated
 * linearly in RGB from grey {@code #7f7f7f} (level 1) to the full colour (level 8).
 */
final class Colors {

    static final Color ON = new Color(0x0000ff);
    static final Color OFF = new Color(0xff0000);
    static final Color MERGED = new Color(0x00ff00);
    static final Color GREY = new Color(0x7f7f7f);
    static final int LEVELS = 8;

    private Colors() {
    }

    /** The colour of polarity channel {@code channel} out of {@code channels} (1 or 2). */
    static Color channel(int channel, int channels) {
        return channels == 1 ? MERGED : channel == 1 ? ON : OFF;
    }

    /**
     * Linear RGB interpolation: {@code c = lo + (hi - lo) * f}, {@code f} clamped to {@code [0, 1]} (the
     * original's {@code transition_color}).
     */
    static Color between(Color lo, Color hi, double f) {
        double g = Math.max(0, Math.min(1, f));
        return new Color((int) Math.round(lo.getRed() + (hi.getRed() - lo.getRed()) * g),
                (int) Math.round(lo.getGreen() + (hi.getGreen() - lo.getGreen()) * g),
                (int) Math.round(lo.getBlue() + (hi.getBlue() - lo.getBlue()) * g));
    }

    /**
     * The level colour of a count: level {@code k = ceil(8 * value / max)} in {@code 1..8}, colour
     * {@code between(grey, full, (k - 1) / 7)}.
     */
    static Color level(Color full, double value, double max) {
        int k = (int) Math.ceil(LEVELS * value / max);
        k = Math.max(1, Math.min(LEVELS, k));
        return between(GREY, full, (k - 1) / (double) (LEVELS - 1));
    }

    /** A perceptually ordered dark-to-bright ramp (black, purple, orange, yellow) for heat maps. */
    static Color heat(double f) {
        Color[] stops = {new Color(0, 0, 4), new Color(120, 28, 109), new Color(237, 105, 37),
            new Color(252, 255, 164)};
        double g = Math.max(0, Math.min(1, f)) * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) Math.floor(g));
        return between(stops[i], stops[i + 1], g - i);
    }
}
