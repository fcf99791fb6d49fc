package dev.ich.model.internal;

import ai.djl.util.cuda.CudaUtils;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the PyTorch engine without DJL's CUDA probe warning. While DJL picks its native library it
 * asks the CUDA runtime for the number of GPUs ({@code CudaUtils.getGpuCount}); on a machine with a
 * CUDA runtime but no usable driver (a CPU-only machine with the CUDA toolkit installed) the answer
 * is 0 with a warning per call, "Failed to detect GPU count: CUDA driver version is insufficient",
 * which says nothing to a caller who asked for no GPU.
 *
 * <p>DJL silences that warning itself through {@code CudaUtils}' private {@code logging} flag,
 * which its own probe process turns off; no property sets it in-process (DJL's {@code
 * ai.djl.util.cuda.fork} would instead start a JVM for the probe), and the host's logging backend
 * is unknown, so this class turns the flag off by reflection while the engine starts and restores
 * it after. The answer is the same (no GPU), and a GPU request ({@link Engines#resolve}) still
 * warns that it falls back to the CPU. Where the flag is missing or cannot be set (a DJL that
 * changed), the engine starts as before and the warning may appear.
 */
final class QuietGpuProbe {

    private static final Logger LOG = LoggerFactory.getLogger(QuietGpuProbe.class);

    private QuietGpuProbe() {}

    /** Runs {@code start} with DJL's CUDA probe warnings off, and restores them after. */
    static <T> T around(Supplier<T> start) {
        Field flag = loggingFlag();
        if (flag == null) {
            return start.get();
        }
        boolean before = get(flag);
        set(flag, false);
        try {
            return start.get();
        } finally {
            set(flag, before);
        }
    }

    /** {@code CudaUtils.logging}, accessible, or null when this DJL has no such flag. */
    static Field loggingFlag() {
        try {
            Field flag = CudaUtils.class.getDeclaredField("logging");
            if (flag.getType() != boolean.class
                    || !Modifier.isStatic(flag.getModifiers())
                    || Modifier.isFinal(flag.getModifiers())) {
                LOG.debug(
                        "CudaUtils.logging is not a static boolean in this DJL; its GPU probe may warn");
                return null;
            }
            flag.setAccessible(true);
            return flag;
        } catch (NoSuchFieldException | RuntimeException e) {
            LOG.debug(
                    "cannot reach CudaUtils.logging ({}); DJL's GPU probe may warn", e.toString());
            return null;
        }
    }

    static boolean get(Field flag) {
        try {
            return flag.getBoolean(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("CudaUtils.logging was made accessible", e);
        }
    }

    private static void set(Field flag, boolean value) {
        try {
            flag.setBoolean(null, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("CudaUtils.logging was made accessible", e);
        }
    }
}
