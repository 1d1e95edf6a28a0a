package io.matterhorn.model;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Plain;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.encoder.DirectEncoder;
import io.matterhorn.snn.layer.MaxPool2d;
import io.matterhorn.snn.soma.LIF;
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
 * The parameter count does not depend on H and W (11,178,206 for 10 classes, as 1.0.1). Made by
 * {@link #builder(int, int, int)}, e.g.
 * {@code SEWRes18.builder(128, 128, 11).connection(ResidualConnection.IAND).build()}.
 */
public final class SEWRes18 extends Sequential {
    private final int height;
    private final int width;

    private SEWRes18(Builder b) {
        super(layers(b));
        this.height = b.height;
        this.width = b.width;
    }

    /**
     * @param height input height, a positive multiple of 32
     * @param width input width, a positive multiple of 32
     * @param numClasses classes, positive
     * @return a builder with the LIF defaults (tau_m = 2, Rectangular(2), not trainable) and connection ADD
     */
    public static Builder builder(int height, int width, int numClasses) {
        return new Builder(height, width, numClasses);
    }

    private static Module[] layers(Builder b) {
        int h = b.height;
        int w = b.width;
        if (h <= 0 || w <= 0 || h % 32 != 0 || w % 32 != 0) {
            throw new IllegalArgumentException("SEWRes18: input height and width must be positive multiples of 32, got "
                    + h + " x " + w);
        }
        if (b.numClasses <= 0) {
            throw new IllegalArgumentException("SEWRes18: numClasses must be positive, got " + b.numClasses);
        }
        if (b.soma == null) {
            throw new IllegalArgumentException("SEWRes18: soma builder must not be null");
        }
        return new Module[] {
            new DirectEncoder(),
            ConvLIF.of(2, 64, 3, 2, b.soma),
            new MaxPool2d(2),
            block(b, 64, 64, false),
            block(b, 64, 64, false),
            block(b, 64, 128, true),
            block(b, 128, 128, false),
            block(b, 128, 256, true),
            block(b, 256, 256, false),
            block(b, 256, 512, true),
            block(b, 512, 512, false),
            new AvgSpikeDecoder(),
            Plain.function("globalAvgPool", x -> x.mean(2, 3)),
            Plain.of(new Linear(512, b.numClasses))
        };
    }

    private static SEWBlock block(Builder b, int in, int out, boolean downSampling) {
        return SEWBlock.builder(in, out).soma(b.soma).connection(b.connection).downSampling(downSampling).build();
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

    /** Builder for {@link SEWRes18}; not thread-safe. */
    public static final class Builder {
        private final int height;
        private final int width;
        private final int numClasses;
        private LIF.Builder soma = LIF.builder();
        private ResidualConnection connection = ResidualConnection.ADD;

        private Builder(int height, int width, int numClasses) {
            this.height = height;
            this.width = width;
            this.numClasses = numClasses;
        }

        /**
         * @param v the settings of every LIF of the network (tau_m, spiking function, trainable, ...), not null
         *     (default {@code LIF.builder()}); read when {@link #build()} is called
         * @return this builder
         */
        public Builder soma(LIF.Builder v) {
            soma = v;
            return this;
        }

        /**
         * @param v SEW connection of every block, not null (default ADD)
         * @return this builder
         */
        public Builder connection(ResidualConnection v) {
            connection = v;
            return this;
        }

        /**
         * @return the network
         * @throws IllegalArgumentException naming the setting that is out of range
         */
        public SEWRes18 build() {
            return new SEWRes18(this);
        }
    }
}
