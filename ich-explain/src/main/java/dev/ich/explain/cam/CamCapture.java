package dev.ich.explain.cam;

import java.util.Arrays;

/**
 * One capture of a feature map {@code A} and the gradient {@code G = ∂y/∂A} of one chosen network
 * output {@code y}, both {@code channels × depth × height × width} with {@code width} fastest (the
 * memory order of a PyTorch {@code 1×C×D×H×W} tensor). Every method of {@link CamMethod} is
 * computed from the same capture, so one forward and one backward pass serve all of them.
 *
 * <p>Immutable: the arrays are copied in and out.
 */
public final class CamCapture {

    private final int channels;
    private final int depth;
    private final int height;
    private final int width;
    private final float[] activations;
    private final float[] gradients;

    /** Copies both arrays. */
    public CamCapture(
            int channels,
            int depth,
            int height,
            int width,
            float[] activations,
            float[] gradients) {
        this(channels, depth, height, width, activations.clone(), gradients.clone(), true);
    }

    private CamCapture(
            int channels,
            int depth,
            int height,
            int width,
            float[] activations,
            float[] gradients,
            boolean owned) {
        if (channels < 1 || depth < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "capture shape must be positive, got "
                            + channels
                            + "×"
                            + depth
                            + "×"
                            + height
                            + "×"
                            + width);
        }
        long n = (long) channels * depth * height * width;
        if (activations.length != n) {
            throw new IllegalArgumentException(
                    "activations has "
                            + activations.length
                            + " values but the shape "
                            + channels
                            + "×"
                            + depth
                            + "×"
                            + height
                            + "×"
                            + width
                            + " needs "
                            + n);
        }
        if (gradients.length != n) {
            throw new IllegalArgumentException(
                    "gradients has "
                            + gradients.length
                            + " values but the shape "
                            + channels
                            + "×"
                            + depth
                            + "×"
                            + height
                            + "×"
                            + width
                            + " needs "
                            + n);
        }
        this.channels = channels;
        this.depth = depth;
        this.height = height;
        this.width = width;
        this.activations = activations;
        this.gradients = gradients;
    }

    /** Takes ownership of both arrays without a copy; for producers that have just filled them. */
    public static CamCapture wrap(
            int channels,
            int depth,
            int height,
            int width,
            float[] activations,
            float[] gradients) {
        return new CamCapture(channels, depth, height, width, activations, gradients, true);
    }

    public int channels() {
        return channels;
    }

    public int depth() {
        return depth;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Voxels of one channel's map: {@code depth × height × width}. */
    public int mapSize() {
        return depth * height * width;
    }

    /** A copy of the activations. */
    public float[] activations() {
        return activations.clone();
    }

    /** A copy of the gradients. */
    public float[] gradients() {
        return gradients.clone();
    }

    // Read-only access for the arithmetic in this package, without copying megabytes per method.
    float activation(int index) {
        return activations[index];
    }

    float gradient(int index) {
        return gradients[index];
    }

    /** True when every activation and gradient is finite. */
    public boolean isFinite() {
        for (int n = 0; n < activations.length; n++) {
            if (!Float.isFinite(activations[n]) || !Float.isFinite(gradients[n])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CamCapture c
                && c.channels == channels
                && c.depth == depth
                && c.height == height
                && c.width == width
                && Arrays.equals(c.activations, activations)
                && Arrays.equals(c.gradients, gradients);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(activations) + Arrays.hashCode(gradients);
    }

    @Override
    public String toString() {
        return "CamCapture[" + channels + "×" + depth + "×" + height + "×" + width + "]";
    }
}
