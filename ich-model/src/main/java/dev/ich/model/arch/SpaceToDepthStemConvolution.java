package dev.ich.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv3d;

/**
 * The stem's 7×7×7, stride-2, padding-3 convolution of a one-channel volume, computed as a stride-1
 * convolution of the volume's 2×2×2 space-to-depth rearrangement (8 channels) with the kernel
 * zero-padded to 8×8×8 and rearranged the same way (8 channels of 4×4×4).
 *
 * <p>Both compute y[p] = Σₖ w[k] · x[2p + k − 3] per axis: writing k = 2q + r (r ∈ {0, 1}, q ∈ [0,
 * 4), w[7] = 0) makes x[2(p + q) + r] the voxel at p + q of channel r of the rearranged volume.
 * Only the order of the additions differs (≤ 1e-5 relative in the tests).
 *
 * <p>Why: libtorch takes the weight gradient of a one-channel stride-2 convolution through an
 * im2col of 343 taps per output voxel, which dominated the CPU preset's training step. On 8
 * channels oneDNN uses its direct kernels. Measured (2 idle cores, forward + weight gradient):
 * batch 8 of 32×80×80, 8 filters, 205 → 90 ms; batch 2 of 32×224×224, 64 filters, 780 → 787 ms. The
 * forward pass alone is slower (22 → 49 ms at 32×80×80), so inference keeps the direct convolution
 * and only training uses this.
 */
final class SpaceToDepthStemConvolution {

    static final int KERNEL = 7;
    static final int PADDING = 3;

    /** The kernel zero-padded to an even size, then halved by the rearrangement. */
    private static final int PADDED_KERNEL = KERNEL + 1;

    private static final int REARRANGED_KERNEL = PADDED_KERNEL / 2;
    private static final Shape UNIT = new Shape(1, 1, 1);
    private static final Shape NO_PADDING = new Shape(0, 0, 0);

    private SpaceToDepthStemConvolution() {}

    /**
     * @param input (N, 1, D, H, W)
     * @param weight (F, 1, 7, 7, 7)
     * @return (N, F, ⌈D/2⌉, ⌈H/2⌉, ⌈W/2⌉), as {@code conv3d(input, weight, stride 2, padding 3)}
     */
    static NDArray apply(NDArray input, NDArray weight) {
        Shape s = input.getShape();
        long n = s.get(0);
        long[] rearranged = new long[3];
        long[] padding = new long[6];
        for (int axis = 0; axis < 3; axis++) {
            long size = s.get(2 + axis);
            long out = (size + 2 * PADDING - KERNEL) / 2 + 1;
            rearranged[axis] = out + REARRANGED_KERNEL - 1;
            // constant_pad_nd lists (before, after) from the last axis backwards.
            padding[4 - 2 * axis] = PADDING;
            padding[5 - 2 * axis] = 2 * rearranged[axis] - size - PADDING;
        }
        NDArray padded = input.pad(new Shape(padding), 0);
        NDArray channels = spaceToDepth(padded, n, rearranged[0], rearranged[1], rearranged[2]);
        long filters = weight.getShape().get(0);
        NDArray paddedWeight = weight.pad(new Shape(0, 1, 0, 1, 0, 1), 0);
        NDArray kernel =
                spaceToDepth(
                        paddedWeight,
                        filters,
                        REARRANGED_KERNEL,
                        REARRANGED_KERNEL,
                        REARRANGED_KERNEL);
        NDArray y = Conv3d.conv3d(channels, kernel, null, UNIT, NO_PADDING).singletonOrThrow();
        Intermediates.release(padded);
        Intermediates.release(channels);
        Intermediates.release(paddedWeight);
        Intermediates.release(kernel);
        return y;
    }

    /**
     * (B, 1, 2a, 2b, 2c) → (B, 8, a, b, c); channel = 4·(d mod 2) + 2·(h mod 2) + (w mod 2). The
     * two intermediate views are closed here: the weight's views would otherwise stay in the
     * model's manager, two handles per training step, each holding its step's autograd graph.
     */
    private static NDArray spaceToDepth(NDArray x, long batch, long a, long b, long c) {
        try (NDArray split = x.reshape(batch, a, 2, b, 2, c, 2);
                NDArray moved = split.transpose(0, 2, 4, 6, 1, 3, 5)) {
            return moved.reshape(batch, 8, a, b, c);
        }
    }
}
