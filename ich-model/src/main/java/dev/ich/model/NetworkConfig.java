package dev.ich.model;

import java.util.List;
import java.util.Objects;

/**
 * The architecture of the multi-task network and the input shape it expects.
 *
 * <p>The encoder is a MedicalNet/torchvision-style 3D ResNet: a 7×7×7 convolution with stride 2 and
 * padding 3 (no bias), batch norm, ReLU, a 3×3×3 max-pool with stride 2 and padding 1, then four
 * stages of residual blocks with widths {@code w, 2w, 4w, 8w} (stride 1 in the first stage, 2 in
 * the others; a 1×1×1 convolution + batch norm on the shortcut when the stride or width changes).
 * Depth 10, 18 and 34 use basic blocks (two 3×3×3 convolutions); depth 50 uses bottleneck blocks
 * (1×1×1, 3×3×3, 1×1×1, expansion 4). Padding 3 for the 7-wide stem and 1 for 3-wide kernels is the
 * "same"-style zero padding the paper describes, so each stride-2 step halves the size (rounding
 * up).
 *
 * @param depth 10, 18, 34 or 50
 * @param baseWidth the number of filters of the stem and the first stage (64 in the paper)
 * @param inputDepth slices (D)
 * @param inputHeight rows (H)
 * @param inputWidth columns (W)
 * @param classifierRelu whether a ReLU follows the classification head's linear layer before the
 *     softmax, as the paper's text literally says. Off by default: a ReLU on the class scores clips
 *     negative logits to zero, so when both scores are negative the probability is stuck at 0.5 and
 *     no gradient flows (a "dead" classifier); the softmax needs no non-negative input.
 */
public record NetworkConfig(
        int depth,
        int baseWidth,
        int inputDepth,
        int inputHeight,
        int inputWidth,
        boolean classifierRelu) {

    /** The depths with a block layout. */
    public static final List<Integer> DEPTHS = List.of(10, 18, 34, 50);

    public NetworkConfig {
        if (!DEPTHS.contains(depth)) {
            throw new IllegalArgumentException("depth must be one of " + DEPTHS + ", got " + depth);
        }
        if (baseWidth < 1 || baseWidth > 1024) {
            throw new IllegalArgumentException("baseWidth must be in [1, 1024], got " + baseWidth);
        }
        checkSide("inputDepth", inputDepth);
        checkSide("inputHeight", inputHeight);
        checkSide("inputWidth", inputWidth);
    }

    private static void checkSide(String field, int value) {
        // Below 8 voxels the stem and the max-pool leave nothing for four stages to downsample.
        if (value < 8 || value > 1024) {
            throw new IllegalArgumentException(field + " must be in [8, 1024], got " + value);
        }
    }

    /** The paper's network: 3D ResNet-34, width 64, input 32×224×224 (63.5 million parameters). */
    public static NetworkConfig paper() {
        return new NetworkConfig(34, 64, 32, 224, 224, false);
    }

    /**
     * The same topology for 2 CPU cores: ResNet-34, width 8, input 32×80×80 (the paper's 32
     * slices). Chosen by measurement (docs/model.md): an epoch of 384 phantoms takes about 12 s on
     * 2 idle cores, and of the inputs that train in minutes it learnt volume best (smaller ones
     * lose the small bleeds). Use it with {@link Preset#CPU}'s preprocessing.
     */
    public static NetworkConfig cpu() {
        return new NetworkConfig(34, 8, 32, 80, 80, false);
    }

    /** The number of residual blocks per stage. */
    public int[] blocksPerStage() {
        switch (depth) {
            case 10:
                return new int[] {1, 1, 1, 1};
            case 18:
                return new int[] {2, 2, 2, 2};
            default:
                return new int[] {3, 4, 6, 3};
        }
    }

    /** Whether the stages are made of bottleneck blocks (depth 50). */
    public boolean bottleneck() {
        return depth == 50;
    }

    /** The number of channels the encoder's last stage produces (the heads' input). */
    public int featureChannels() {
        return baseWidth * 8 * (bottleneck() ? 4 : 1);
    }

    /** The number of input voxels. */
    public int inputSize() {
        return inputDepth * inputHeight * inputWidth;
    }

    /** A builder starting from these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder starting from {@link #paper()}. */
    public static Builder builder() {
        return new Builder(paper());
    }

    /** Builds a {@link NetworkConfig}; {@link #build()} validates every field. */
    public static final class Builder {
        private int depth;
        private int baseWidth;
        private int inputDepth;
        private int inputHeight;
        private int inputWidth;
        private boolean classifierRelu;

        private Builder(NetworkConfig start) {
            Objects.requireNonNull(start, "start");
            depth = start.depth;
            baseWidth = start.baseWidth;
            inputDepth = start.inputDepth;
            inputHeight = start.inputHeight;
            inputWidth = start.inputWidth;
            classifierRelu = start.classifierRelu;
        }

        public Builder depth(int value) {
            depth = value;
            return this;
        }

        public Builder baseWidth(int value) {
            baseWidth = value;
            return this;
        }

        /** The input shape D×H×W. */
        public Builder input(int d, int h, int w) {
            inputDepth = d;
            inputHeight = h;
            inputWidth = w;
            return this;
        }

        public Builder classifierRelu(boolean value) {
            classifierRelu = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the field and value that is out of range
         */
        public NetworkConfig build() {
            return new NetworkConfig(
                    depth, baseWidth, inputDepth, inputHeight, inputWidth, classifierRelu);
        }
    }
}
