package dev.ich.model.train;

import dev.ich.core.preprocess.ModelInput;
import java.util.SplittableRandom;

/**
 * Optional training-time augmentation, off by default: a left–right flip (the width axis, which is
 * the patient's left–right after the paper's preprocessing) with probability 1/2, and a shift of up
 * to {@code maxShift} voxels along height and width with zero fill.
 *
 * @param flip whether to flip left–right at random
 * @param maxShift the largest shift in voxels (0 = none)
 */
public record Augmentation(boolean flip, int maxShift) {

    public Augmentation {
        if (maxShift < 0 || maxShift > 64) {
            throw new IllegalArgumentException("maxShift must be in [0, 64], got " + maxShift);
        }
    }

    /** No augmentation (the default). */
    public static Augmentation none() {
        return new Augmentation(false, 0);
    }

    boolean isNone() {
        return !flip && maxShift == 0;
    }

    /** Writes the augmented values of {@code input} into {@code target} at {@code offset}. */
    void apply(ModelInput input, SplittableRandom random, float[] target, int offset) {
        boolean doFlip = flip && random.nextBoolean();
        int dy = maxShift == 0 ? 0 : random.nextInt(-maxShift, maxShift + 1);
        int dx = maxShift == 0 ? 0 : random.nextInt(-maxShift, maxShift + 1);
        int d = input.depth();
        int h = input.height();
        int w = input.width();
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                int sy = y - dy;
                for (int x = 0; x < w; x++) {
                    int sx = (doFlip ? w - 1 - x : x) - dx;
                    float v = sy >= 0 && sy < h && sx >= 0 && sx < w ? input.get(z, sy, sx) : 0f;
                    target[offset + (z * h + y) * w + x] = v;
                }
            }
        }
    }
}
