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
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps libtorch's forward and backward passes off oneDNN's convolutions for a network whose
 * channel counts are not a multiple of oneDNN's channel block (8 for AVX2 kernels, 16 for AVX-512
 * ones): there oneDNN's direct kernels (libtorch 2.7.1) compute wrong, sometimes non-finite input
 * gradients (docs/model.md, "Supported CPUs and native libraries"), and in a test JVM that had run
 * other networks before, a forward pass of such a network once gave a NaN loss. libtorch then
 * computes those convolutions itself, many times slower; the presets' widths (8 and 64) never need
 * it.
 *
 * <p>libtorch has no C API for its {@code torch.backends.mkldnn.enabled} switch, and DJL does not
 * expose it, so the guard calls {@code at::globalContext().setUserEnabledMkldnn} in {@code
 * libtorch_cpu} through JNA (C++ names mangled by the Itanium ABI, as on every Linux build).
 * libtorch reads the switch when it chooses the kernels of each convolution, in the backward pass
 * too; the guard puts back what it found. The switch is process-wide: while a narrow network's
 * backward pass runs, a convolution in another thread also runs on libtorch's code (right, slower);
 * networks whose widths fill the block (the presets' 8 and 64) never turn it.
 */
public final class ChannelBlockGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelBlockGuard.class);
    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_ENABLED = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private static final String IS_ENABLED = "_ZNK2at7Context17userEnabledMkldnnEv";

    private static int openPasses;
    private static boolean enabledBefore;
    private static Optional<MkldnnSwitch> found;
    private static boolean warned;

    private ChannelBlockGuard() {}

    /**
     * oneDNN's channel block for the kernels this process may use: 16 where AVX-512 kernels are
     * allowed on a CPU that has them, else 8.
     */
    public static int channelBlock() {
        CpuKernelCap cap = IchModel.cpuKernelCap();
        return cap.cpuHasAvx512() && !cap.capsAvx512() ? 16 : 8;
    }

    /**
     * Runs a backward pass through a network of this base width (channels {@code w, 2w, 4w, 8w});
     * see {@link #pass}.
     */
    public static void backwardPass(int baseWidth, Runnable backward) {
        pass(
                baseWidth,
                () -> {
                    backward.run();
                    return null;
                });
    }

    /**
     * Runs a forward or backward pass through a network of this base width: when {@code w} is not a
     * multiple of the block, with libtorch's oneDNN convolutions off until the last such pass
     * running in the process ends (forward passes too: with a partial block, oneDNN's kernels have
     * also been seen to read uninitialised memory into the loss). Just runs it for widths that fill
     * the block, and off x86.
     */
    public static <T> T pass(int baseWidth, Supplier<T> work) {
        if (!Platform.isIntel() || baseWidth % channelBlock() == 0) {
            return work.get();
        }
        Optional<MkldnnSwitch> mkldnn = mkldnnSwitch();
        if (mkldnn.isEmpty()) {
            warnOnce(baseWidth);
            return work.get();
        }
        synchronized (ChannelBlockGuard.class) {
            if (openPasses++ == 0) {
                enabledBefore = mkldnn.get().enabled();
                mkldnn.get().set(false);
            }
        }
        try {
            return work.get();
        } finally {
            synchronized (ChannelBlockGuard.class) {
                if (--openPasses == 0) {
                    mkldnn.get().set(enabledBefore);
                }
            }
        }
    }

    /**
     * Whether libtorch may use oneDNN's convolutions now (its own switch; true where it cannot be
     * read).
     */
    public static synchronized boolean oneDnnConvolutionsEnabled() {
        return mkldnnSwitch().map(MkldnnSwitch::enabled).orElse(true);
    }

    private static synchronized void warnOnce(int baseWidth) {
        if (!warned) {
            warned = true;
            int block = channelBlock();
            LOG.warn(
                    "A network of width {} runs oneDNN convolutions with a partial channel block of {}, whose input "
                            + "gradients are wrong in libtorch 2.7.1, and ich cannot switch them off here; use a width that "
                            + "is a multiple of {} (docs/model.md).",
                    baseWidth,
                    block,
                    block);
        }
    }

    /** libtorch's {@code at::globalContext()} and its switch, found once. */
    private record MkldnnSwitch(Pointer context, Function setter, Function getter) {

        void set(boolean enabled) {
            setter.invokeVoid(new Object[] {context, enabled});
        }

        boolean enabled() {
            return (getter.invokeInt(new Object[] {context}) & 0xff) != 0;
        }
    }

    private static synchronized Optional<MkldnnSwitch> mkldnnSwitch() {
        if (found == null) {
            Engines.pytorch();
            try {
                NativeLibrary torch = NativeLibrary.getInstance(libtorchCpu());
                Pointer context =
                        (Pointer)
                                torch.getFunction(GLOBAL_CONTEXT)
                                        .invoke(Pointer.class, new Object[0]);
                found =
                        Optional.of(
                                new MkldnnSwitch(
                                        context,
                                        torch.getFunction(SET_ENABLED),
                                        torch.getFunction(IS_ENABLED)));
            } catch (UnsatisfiedLinkError | IllegalStateException e) {
                found = Optional.empty();
            }
        }
        return found;
    }

    /**
     * The path of the {@code libtorch_cpu} this process mapped. DJL loads it privately ({@code
     * RTLD_LOCAL}), so its symbols are not in the process's global namespace.
     */
    private static String libtorchCpu() {
        try (Stream<String> lines =
                Files.lines(Path.of("/proc/self/maps"), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains("/libtorch_cpu."))
                    .map(l -> l.substring(l.indexOf('/')).trim())
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("libtorch_cpu is not mapped"));
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("cannot read /proc/self/maps", e);
        }
    }
}
