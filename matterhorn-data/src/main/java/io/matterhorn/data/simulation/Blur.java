package io.matterhorn.data.simulation;

/** Separable Gaussian blur of a row-major image, in place; the point spread of the simulated optics. */
final class Blur {

    private Blur() {
    }

    /**
     * Returns the kernel half-width used for a blur.
     *
     * @param sigma standard deviation in pixels, {@code >= 0}
     * @return {@code ceil(3 sigma)}, 0 for no blur
     */
    static int radius(double sigma) {
        return (int) Math.ceil(3 * sigma);
    }

    /**
     * Convolves with the normalised kernel {@code k(d) ~ exp(-d^2 / (2 sigma^2))}, {@code |d| <= radius(sigma)},
     * first along rows then along columns; values beyond the border count as 0 (black), so the caller pads the
     * image by at least the radius to keep all of the spread light.
     *
     * @param image  {@code height * width} values, overwritten
     * @param height rows
     * @param width  columns
     * @param sigma  standard deviation in pixels; 0 leaves the image unchanged
     */
    static void gaussian(float[] image, int height, int width, double sigma) {
        int radius = radius(sigma);
        if (radius == 0) {
            return;
        }
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int d = -radius; d <= radius; d++) {
            double w = Math.exp(-d * d / (2 * sigma * sigma));
            kernel[d + radius] = (float) w;
            sum += w;
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) sum;
        }
        float[] tmp = new float[image.length];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                float acc = 0;
                for (int d = -radius; d <= radius; d++) {
                    int cc = c + d;
                    if (cc >= 0 && cc < width) {
                        acc += kernel[d + radius] * image[r * width + cc];
                    }
                }
                tmp[r * width + c] = acc;
            }
        }
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                float acc = 0;
                for (int d = -radius; d <= radius; d++) {
                    int rr = r + d;
                    if (rr >= 0 && rr < height) {
                        acc += kernel[d + radius] * tmp[rr * width + c];
                    }
                }
                image[r * width + c] = Math.min(1f, acc);
            }
        }
    }
}
