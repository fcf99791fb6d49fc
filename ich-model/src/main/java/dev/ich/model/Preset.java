package dev.ich.model;

import dev.ich.core.preprocess.PreprocessingConfig;

/**
 * A network together with the preprocessing it is trained with, so that the command line, the demo
 * and the examples cannot pair them differently.
 */
public enum Preset {

    /** The paper: {@link NetworkConfig#paper()} on the paper's preprocessing (32 × 224 × 224). */
    PAPER(NetworkConfig.paper(), false, Double.NaN),

    /**
     * Two CPU cores: {@link NetworkConfig#cpu()}, the paper's crop and window, bone above {@value
     * #CPU_BONE_SUPPRESSION_HU} HU suppressed, and anti-aliasing before the resize. The preset's
     * input is 4–5 times smaller than the head slice in every in-plane direction, where trilinear
     * sampling alone keeps most of the image noise, and where averaging skull with brain makes a
     * shell of blood-like values many times larger than a small bleed (docs/preprocessing.md).
     */
    CPU(NetworkConfig.cpu(), true, Preset.CPU_BONE_SUPPRESSION_HU);

    /**
     * Above the window (110 HU) and above any acute blood (below 100 HU), below the skull's inner
     * table (several hundred HU): bone is suppressed, blood never is (what it does to the demo's
     * volume error: docs/preprocessing.md, "Bone suppression").
     */
    public static final double CPU_BONE_SUPPRESSION_HU = 150;

    private final NetworkConfig network;
    private final PreprocessingConfig preprocessing;

    Preset(NetworkConfig network, boolean antiAliasing, double boneSuppressionHu) {
        this.network = network;
        this.preprocessing =
                PreprocessingConfig.paper().toBuilder()
                        .targetShape(
                                network.inputDepth(), network.inputHeight(), network.inputWidth())
                        .antiAliasing(antiAliasing)
                        .boneSuppressionHu(boneSuppressionHu)
                        .build();
    }

    public NetworkConfig network() {
        return network;
    }

    /** The preprocessing, its target shape the network's input. */
    public PreprocessingConfig preprocessing() {
        return preprocessing;
    }
}
