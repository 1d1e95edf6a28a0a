package io.matterhorn.model;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Plain;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.encoder.DirectEncoder;
import io.matterhorn.snn.layer.MaxPool2d;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;

/**
 * SEW-ResNet-18 as in 1.0.1: input {@code [B, T, 2, H, W]} (two polarity channels; H and W multiples of 32),
 * output {@code [B, numClasses]}.
 *
 * <pre>
 *   DirectEncoder -> ConvLIF(2, 64, 3, s2) -> MaxPool2d(2) (binarised)
 *   -> SEWBlock(64, 64) x2 -> SEWBlock(64, 128, ds), SEWBlock(128, 128) -> SEWBlock(128, 256, ds), SEWBlock(256, 256)
 *   -> SEWBlock(256, 512, ds), SEWBlock(512, 512) -> AvgSpikeDecoder
 *   -> global average pool over H/32 x W/32 -> Linear(512, numClasses)        (plain, after the decoder)
 * </pre>
 *
 * The parameter count does not depend on H and W (11,178,206 for 10 classes, as 1.0.1).
 */
public final class SEWRes18 extends Sequential {
    private final int height;
    private final int width;

    /**
     * @param height input height, a positive multiple of 32
     * @param width input width, a positive multiple of 32
     * @param numClasses classes
     * @param tauM LIF time constant
     * @param surrogate spiking function
     * @param connection SEW connection
     * @param trainable whether tau_m is trained
     */
    public SEWRes18(int height, int width, int numClasses, double tauM, Surrogate surrogate,
            ResidualConnection connection, boolean trainable) {
        super(layers(height, width, numClasses, tauM, surrogate, connection, trainable));
        this.height = height;
        this.width = width;
    }

    private static Module[] layers(int h, int w, int classes, double tau, Surrogate s, ResidualConnection g,
            boolean trainable) {
        if (h <= 0 || w <= 0 || h % 32 != 0 || w % 32 != 0) {
            throw new IllegalArgumentException("SEWRes18: input height and width must be positive multiples of 32, got "
                    + h + " x " + w);
        }
        if (classes <= 0) {
            throw new IllegalArgumentException("SEWRes18: numClasses must be positive, got " + classes);
        }
        return new Module[] {
            new DirectEncoder(),
            ConvLIF.of(2, 64, 3, 2, tau, s, trainable),
            new MaxPool2d(2),
            new SEWBlock(64, 64, tau, s, g, false, trainable),
            new SEWBlock(64, 64, tau, s, g, false, trainable),
            new SEWBlock(64, 128, tau, s, g, true, trainable),
            new SEWBlock(128, 128, tau, s, g, false, trainable),
            new SEWBlock(128, 256, tau, s, g, true, trainable),
            new SEWBlock(256, 256, tau, s, g, false, trainable),
            new SEWBlock(256, 512, tau, s, g, true, trainable),
            new SEWBlock(512, 512, tau, s, g, false, trainable),
            new AvgSpikeDecoder(),
            Plain.function("globalAvgPool", x -> x.mean(2, 3)),
            Plain.of(new Linear(512, classes))
        };
    }

    /**
     * @param x [B, T, 2, H, W]
     * @return [B, numClasses]
     */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 5 || x.size(2) != 2 || x.size(3) != height || x.size(4) != width) {
            throw new IllegalArgumentException("SEWRes18: expected input [B, T, 2, " + height + ", " + width + "], got "
                    + Arrays.toString(x.shape()));
        }
        return super.forward(x);
    }

    /** @return the input height */
    public int height() {
        return height;
    }

    /** @return the input width */
    public int width() {
        return width;
    }
}
