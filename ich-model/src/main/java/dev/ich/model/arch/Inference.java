package dev.ich.model.arch;

import ai.djl.ndarray.NDArray;

/**
 * Frees intermediate feature maps early during inference. Without it every activation of a
 * forward pass stays alive until its NDManager closes, which at the paper's size (the stem alone
 * makes 51 MB maps) raises the peak memory by hundreds of megabytes. In training the maps are
 * needed for the backward pass and are kept.
 */
final class Inference {

    private Inference() {
    }

    static void release(boolean training, NDArray array) {
        if (!training) {
            array.close();
        }
    }
}
