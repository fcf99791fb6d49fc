package dev.ich.model;

import java.util.Locale;
import java.util.Objects;

/**
 * The highest instruction set that libtorch's oneDNN kernels may use in this process, and who set
 * it. ich caps oneDNN at AVX2 by default: on CPUs with AVX-512, oneDNN's AVX-512 convolution
 * kernels crash or corrupt memory for some shapes, and their results differ from every AVX2
 * machine's (docs/model.md, "Supported CPUs and native libraries").
 *
 * @param maxIsa the oneDNN ISA name in force ({@code "AVX2"}), or {@code "ALL"} when nothing caps
 *     it
 * @param origin who set it
 * @param cpuHasAvx512 whether this CPU reports AVX-512 (then the cap matters)
 */
public record CpuKernelCap(String maxIsa, Origin origin, boolean cpuHasAvx512) {

    /** The system property that chooses the cap: {@code avx2} (the default) or {@code native}. */
    public static final String PROPERTY = "ich.cpu.isa";

    /** Where the cap in force comes from. */
    public enum Origin {
        /**
         * ich set {@code ONEDNN_MAX_CPU_ISA=AVX2} in the process before libtorch started its
         * kernels.
         */
        LIBRARY,
        /**
         * The process's environment already set {@code ONEDNN_MAX_CPU_ISA} or {@code
         * DNNL_MAX_CPU_ISA}.
         */
        ENVIRONMENT,
        /** {@code -Dich.cpu.isa=native} turned the cap off: oneDNN uses everything the CPU has. */
        OPTED_OUT,
        /**
         * The cap could not be set (no C library reachable through JNA on this platform); set
         * {@code ONEDNN_MAX_CPU_ISA=AVX2} in the environment.
         */
        UNAVAILABLE
    }

    public CpuKernelCap {
        Objects.requireNonNull(maxIsa, "maxIsa");
        Objects.requireNonNull(origin, "origin");
    }

    /** Whether oneDNN's kernels are kept at or below AVX2. */
    public boolean capsAvx512() {
        String isa = maxIsa.toUpperCase(Locale.ROOT);
        return isa.startsWith("SSE") || isa.equals("AVX") || isa.startsWith("AVX2");
    }

    /** One line for logs and {@code ich --version}. */
    public String describe() {
        String cpu = cpuHasAvx512 ? "this CPU has AVX-512" : "this CPU has no AVX-512";
        return switch (origin) {
            case LIBRARY -> "oneDNN kernels capped at " + maxIsa + " by ich (" + cpu + ")";
            case ENVIRONMENT ->
                    "oneDNN kernels capped at " + maxIsa + " by the environment (" + cpu + ")";
            case OPTED_OUT -> "oneDNN kernels not capped (-D" + PROPERTY + "=native; " + cpu + ")";
            case UNAVAILABLE ->
                    "oneDNN kernels not capped: ich could not set ONEDNN_MAX_CPU_ISA here ("
                            + cpu
                            + "); set ONEDNN_MAX_CPU_ISA=AVX2 in the environment";
        };
    }
}
