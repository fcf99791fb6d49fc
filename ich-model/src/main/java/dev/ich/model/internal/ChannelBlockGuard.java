package dev.ich.model.internal;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.ich.model.CpuKernelCap;
import dev.ich.model.IchModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps libtorch off oneDNN's convolutions in a process that runs a network whose channel counts
 * are not a multiple of oneDNN's channel block (8 for AVX2 kernels, 16 for AVX-512 ones): there
 * oneDNN's direct kernels (libtorch 2.7.1) compute wrong, sometimes non-finite input gradients
 * (docs/model.md, "Supported CPUs and native libraries"). libtorch then uses its own convolutions.
 *
 * <p>libtorch has no C API for its {@code torch.backends.mkldnn.enabled} switch, and DJL does not
 * expose it, so the guard calls {@code at::globalContext().setUserEnabledMkldnn(false)} in
 * {@code libtorch_cpu} through JNA (the C++ names are mangled by the Itanium ABI, as on every
 * Linux and macOS build). The switch is process-wide and stays off once turned off: networks whose
 * widths are multiples of the block (the presets' 8 and 64) are never affected in a process that
 * runs only them.
 */
public final class ChannelBlockGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelBlockGuard.class);
    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_ENABLED = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private static final String IS_ENABLED = "_ZNK2at7Context17userEnabledMkldnnEv";

    private static boolean turnedOff;

    private ChannelBlockGuard() {
    }

    /**
     * oneDNN's channel block for the kernels this process may use: 16 where AVX-512 kernels are
     * allowed on a CPU that has them, else 8 (AVX2 and SSE4.1 kernels).
     */
    public static int channelBlock() {
        CpuKernelCap cap = IchModel.cpuKernelCap();
        return cap.cpuHasAvx512() && !cap.capsAvx512() ? 16 : 8;
    }

    /**
     * Turns libtorch's oneDNN convolutions off for the process when a network of this base width
     * (channels {@code w, 2w, 4w, 8w}) would run them with a partial channel block. Does nothing
     * for widths that are multiples of the block, and nothing off x86, where oneDNN's x86 kernels do
     * not run.
     */
    public static synchronized void applyFor(int baseWidth) {
        if (turnedOff || !Platform.isIntel()) {
            return;
        }
        int block = channelBlock();
        if (baseWidth % block == 0) {
            return;
        }
        Engines.pytorch();
        Optional<Pointer> context = globalContext();
        if (context.isEmpty()) {
            LOG.warn("A network of width {} runs oneDNN convolutions with a partial channel block of {}, whose input "
                + "gradients are wrong in libtorch 2.7.1, and ich could not switch them off here; use a width that "
                + "is a multiple of {} (docs/model.md).", baseWidth, block, block);
            return;
        }
        function(SET_ENABLED).invokeVoid(new Object[] {context.get(), false});
        turnedOff = true;
        LOG.info("libtorch's oneDNN convolutions are off in this process: width {} is not a multiple of oneDNN's "
            + "channel block of {}, where its kernels compute wrong gradients (docs/model.md).", baseWidth, block);
    }

    /** Whether libtorch may use oneDNN's convolutions in this process (libtorch's own switch). */
    public static synchronized boolean oneDnnConvolutionsEnabled() {
        Engines.pytorch();
        return globalContext().map(c -> (function(IS_ENABLED).invokeInt(new Object[] {c}) & 0xff) != 0)
            .orElse(true);
    }

    private static Optional<Pointer> globalContext() {
        try {
            return Optional.of((Pointer) function(GLOBAL_CONTEXT).invoke(Pointer.class, new Object[0]));
        } catch (UnsatisfiedLinkError | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static Function function(String symbol) {
        return NativeLibrary.getInstance(libtorchCpu()).getFunction(symbol);
    }

    /**
     * The path of the {@code libtorch_cpu} this process mapped. DJL loads it privately
     * ({@code RTLD_LOCAL}), so its symbols are not in the process's global namespace.
     */
    private static String libtorchCpu() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains("/libtorch_cpu.")).map(l -> l.substring(l.indexOf('/')).trim())
                .findFirst().orElseThrow(() -> new IllegalStateException("libtorch_cpu is not mapped"));
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("cannot read /proc/self/maps", e);
        }
    }
}
