package dev.ich.model;

import dev.ich.core.preprocess.PreprocessingConfig;

/**
 * A network together with the preprocessing it is trained with, so that the command line, the demo
 * and the examples cannot pair them differently.
 */
public enum Preset {

    /** The paper: {@link NetworkConfig#paper()} on the paper's preprocessing (32 × 224 × 224). */
    PAPER(NetworkConfig.paper(), false),

    /**
     * Two CPU cores: {@link NetworkConfig#cpu()}, the paper's crop and window, and anti-aliasing
     * before the resize. The preset's input is 4–5 times smaller than the head slice in every
     * in-plane direction, where trilinear sampling alone keeps most of the image noise
     * (docs/preprocessing.md); the paper's 224 columns need no filter.
     */
    CPU(NetworkConfig.cpu(), true);

    private final NetworkConfig network;
    private final PreprocessingConfig preprocessing;

    Preset(NetworkConfig network, boolean antiAliasing) {
        this.network = network;
        this.preprocessing = PreprocessingConfig.paper().toBuilder()
            .targetShape(network.inputDepth(), network.inputHeight(), network.inputWidth())
            .antiAliasing(antiAliasing)
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
