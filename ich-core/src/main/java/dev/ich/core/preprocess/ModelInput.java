package dev.ich.core.preprocess;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * One preprocessed single-channel volume ready for the network, shape {@code depth × height ×
 * width} with {@code width} fastest (the memory order of a PyTorch {@code N×C×D×H×W} tensor).
 * Immutable: the array is copied in and out.
 */
public final class ModelInput {

    private final int depth;
    private final int height;
    private final int width;
    private final float[] data;

    /** Copies {@code data}. */
    public ModelInput(int depth, int height, int width, float[] data) {
        this(data.clone(), depth, height, width);
    }

    private ModelInput(float[] owned, int depth, int height, int width) {
        if (depth < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "shape must be positive, got " + depth + "×" + height + "×" + width);
        }
        if ((long) depth * height * width != owned.length) {
            throw new IllegalArgumentException(
                    "data has "
                            + owned.length
                            + " values but the shape "
                            + depth
                            + "×"
                            + height
                            + "×"
                            + width
                            + " needs "
                            + (long) depth * height * width);
        }
        this.depth = depth;
        this.height = height;
        this.width = width;
        this.data = owned;
    }

    /** Takes ownership of {@code data} without a copy; for producers in this library. */
    static ModelInput wrap(int depth, int height, int width, float[] data) {
        return new ModelInput(data, depth, height, width);
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

    /** {@code {depth, height, width}}. */
    public int[] shape() {
        return new int[] {depth, height, width};
    }

    public float get(int d, int h, int w) {
        return data[(d * height + h) * width + w];
    }

    /** A copy of the values, {@code width} fastest. */
    public float[] data() {
        return data.clone();
    }

    /**
     * Copies the values into {@code target} at {@code offset} (for batching without extra arrays).
     */
    public void copyTo(float[] target, int offset) {
        System.arraycopy(data, 0, target, offset, data.length);
    }

    /**
     * Puts the values into {@code target} at its position, which advances past them (to fill a
     * tensor's memory without an intermediate array).
     */
    public void copyTo(FloatBuffer target) {
        target.put(data);
    }

    public int size() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ModelInput)) {
            return false;
        }
        ModelInput other = (ModelInput) o;
        return Arrays.equals(shape(), other.shape()) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape()) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ModelInput[" + depth + "×" + height + "×" + width + "]";
    }
}
