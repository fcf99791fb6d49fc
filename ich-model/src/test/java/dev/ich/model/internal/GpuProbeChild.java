package dev.ich.model.internal;

import ai.djl.util.cuda.CudaUtils;
import dev.ich.model.ComputeDevice;

/**
 * Run in a child JVM by {@link QuietGpuProbeTest}: {@code direct} asks DJL for the GPU count as an
 * application would before any ich code runs (the control); {@code engine} starts the engine as the
 * library does; {@code gpu} then asks the library for a GPU.
 */
public final class GpuProbeChild {

    private GpuProbeChild() {}

    public static void main(String[] args) {
        switch (args[0]) {
            case "direct" -> System.out.println("gpus: " + CudaUtils.getGpuCount());
            case "engine" -> System.out.println("engine: " + Engines.pytorch().getVersion());
            case "gpu" -> System.out.println("device: " + Engines.resolve(ComputeDevice.GPU));
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("logging flag after: " + QuietGpuProbe.get(QuietGpuProbe.loggingFlag()));
    }
}
