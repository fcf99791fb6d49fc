package dev.ich.model.internal;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.ich.model.ComputeDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The PyTorch engine: device choice with fallback, and the intra-op thread count. */
public final class Engines {

    private static final Logger LOG = LoggerFactory.getLogger(Engines.class);
    private static volatile boolean prepared;

    private Engines() {}

    /**
     * The PyTorch engine (loads the native library on first use), after {@link NativeGuard} has
     * capped oneDNN's kernels and {@link OfflineDefault} has kept DJL offline; it starts without
     * DJL's CUDA probe warning ({@link QuietGpuProbe}). Every use of libtorch in the library goes
     * through here.
     */
    public static Engine pytorch() {
        if (!prepared) {
            prepare();
        }
        return Engine.getEngine("PyTorch");
    }

    /**
     * The process-wide settings libtorch and DJL must see before they start, made once rather than
     * on every call (training asks for the engine at every step), then the engine's start.
     */
    private static synchronized void prepare() {
        if (!prepared) {
            NativeGuard.apply();
            OfflineDefault.apply();
            QuietGpuProbe.around(() -> Engine.getEngine("PyTorch"));
            prepared = true;
        }
    }

    /**
     * The DJL device for a request; a GPU request without a GPU falls back to the CPU with a
     * warning.
     */
    public static Device resolve(ComputeDevice requested) {
        if (requested == ComputeDevice.GPU) {
            if (pytorch().getGpuCount() > 0) {
                return Device.gpu();
            }
            LOG.warn(
                    "A GPU was requested but the PyTorch engine has none (CPU build of libtorch); using the CPU. "
                            + "See docs/model.md for a CUDA build.");
        }
        return Device.cpu();
    }

    /**
     * Sets libtorch's intra-op thread count for the whole process (a libtorch global). Two is best
     * on a 2-core machine; one doubles the time.
     */
    public static void setIntraOpThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        pytorch();
        JniUtils.setNumThreads(threads);
    }

    /**
     * Turns autograd recording off on the calling thread. libtorch's grad mode is thread-local and
     * on by default in every new thread (DJL turns it off only on the thread that loads the
     * engine), so inference on another thread would otherwise record graphs for parameters that
     * require gradients. A {@code GradientCollector} turns it on for its own scope.
     */
    public static void noGradientsOnThisThread() {
        pytorch();
        JniUtils.setGradMode(false);
    }

    /** The current intra-op thread count. */
    public static int intraOpThreads() {
        pytorch();
        return JniUtils.getNumThreads();
    }
}
