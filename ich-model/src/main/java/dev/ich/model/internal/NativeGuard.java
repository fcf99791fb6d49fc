package dev.ich.model.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.ich.model.CpuKernelCap;
import dev.ich.model.CpuKernelCap.Origin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps libtorch's oneDNN kernels at AVX2 before libtorch runs its first kernel, so that every
 * caller of the library is safe without setting anything (docs/model.md, "Supported CPUs and native
 * libraries").
 *
 * <p>oneDNN reads {@code ONEDNN_MAX_CPU_ISA} from the process environment once, when it first
 * chooses a kernel. Java cannot change its own environment, and libtorch does not export oneDNN's
 * {@code dnnl_set_max_cpu_isa}, so the guard calls the C library's {@code setenv} through JNA (a
 * dependency of DJL) before the PyTorch engine starts. A value the environment already sets wins.
 */
public final class NativeGuard {

    static final String VARIABLE = "ONEDNN_MAX_CPU_ISA";
    private static final String LEGACY_VARIABLE = "DNNL_MAX_CPU_ISA";
    static final String CAP = "AVX2";
    private static final Pattern AVX512 = Pattern.compile("\\bavx512f\\b");
    private static final Logger LOG = LoggerFactory.getLogger(NativeGuard.class);

    private static CpuKernelCap applied;

    private NativeGuard() {}

    /**
     * The C library's environment, which oneDNN reads (Java's {@code System.getenv} is a copy made
     * at start-up).
     */
    interface CLibrary extends Library {
        String getenv(String name);

        int setenv(String name, String value, int overwrite);
    }

    /** Applies the cap once per process (later calls return the same answer). */
    public static synchronized CpuKernelCap apply() {
        if (applied == null) {
            applied = decide();
            if (applied.origin() == Origin.LIBRARY && libtorchAlreadyLoaded()) {
                LOG.warn(
                        "libtorch was loaded before ich set {}={}; if the host application ran a convolution "
                                + "before, oneDNN may not honour it. Set {}={} in the environment.",
                        VARIABLE,
                        CAP,
                        VARIABLE,
                        CAP);
            }
            if (applied.origin() == Origin.UNAVAILABLE
                    || applied.origin() == Origin.OPTED_OUT && applied.cpuHasAvx512()) {
                LOG.warn("{}", applied.describe());
            } else {
                LOG.debug("{}", applied.describe());
            }
        }
        return applied;
    }

    private static CpuKernelCap decide() {
        boolean avx512 = cpuHasAvx512();
        String policy =
                System.getProperty(CpuKernelCap.PROPERTY, "avx2").trim().toLowerCase(Locale.ROOT);
        if (!policy.equals("avx2") && !policy.equals("native")) {
            throw new IllegalStateException(
                    "-D" + CpuKernelCap.PROPERTY + " must be avx2 or native, got '" + policy + "'");
        }
        CLibrary c;
        try {
            c = Native.load("c", CLibrary.class);
        } catch (LinkageError e) {
            return new CpuKernelCap(fromJavaEnvironment(), Origin.UNAVAILABLE, avx512);
        }
        String present = firstSet(c.getenv(VARIABLE), c.getenv(LEGACY_VARIABLE));
        if (present != null) {
            return new CpuKernelCap(present, Origin.ENVIRONMENT, avx512);
        }
        if (policy.equals("native")) {
            return new CpuKernelCap("ALL", Origin.OPTED_OUT, avx512);
        }
        if (c.setenv(VARIABLE, CAP, 0) != 0 || !CAP.equals(c.getenv(VARIABLE))) {
            return new CpuKernelCap("ALL", Origin.UNAVAILABLE, avx512);
        }
        return new CpuKernelCap(CAP, Origin.LIBRARY, avx512);
    }

    private static String fromJavaEnvironment() {
        String present = firstSet(System.getenv(VARIABLE), System.getenv(LEGACY_VARIABLE));
        return present == null ? "ALL" : present;
    }

    private static String firstSet(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.trim();
        }
        return b != null && !b.isBlank() ? b.trim() : null;
    }

    /**
     * Whether {@code /proc/cpuinfo} lists AVX-512 Foundation; false where there is no such file.
     */
    static boolean cpuHasAvx512() {
        return fileContains(Path.of("/proc/cpuinfo"), AVX512);
    }

    /** Whether this process has mapped libtorch already (Linux only; false elsewhere). */
    private static boolean libtorchAlreadyLoaded() {
        return fileContains(Path.of("/proc/self/maps"), Pattern.compile("libtorch_cpu"));
    }

    private static boolean fileContains(Path file, Pattern pattern) {
        if (!Files.isReadable(file)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.anyMatch(line -> pattern.matcher(line).find());
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }
}
