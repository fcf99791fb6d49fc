package dev.ich.model;

/** Where the network runs. */
public enum ComputeDevice {
    /** The default; always available. */
    CPU,
    /**
     * The first GPU, when the PyTorch engine has one (a CUDA build of libtorch 2.7.1, see
     * docs/model.md); otherwise the CPU is used and a warning is logged.
     */
    GPU
}
