package dev.ich.model.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A probe run in a child JVM whose environment sets nothing about oneDNN, with oneDNN's verbose log
 * on, so that the library's defaults are what is tested and the log names every kernel.
 */
final class ChildJvm {

    private static final long TIMEOUT_SECONDS = 180;

    /** The child's exit code (-1 when it timed out) and its interleaved output. */
    record Result(int exitCode, String output) {

        /**
         * The implementation column of every convolution oneDNN ran ("jit:avx2",
         * "brg_conv_fwd:avx512_core", ...).
         */
        List<String> convolutionKernels() {
            return convolutionKernels("");
        }

        /**
         * The same for the convolutions whose propagation kind starts with {@code propKind}
         * ("backward").
         */
        List<String> convolutionKernels(String propKind) {
            List<String> kernels = new ArrayList<>();
            for (String line : output.split("\n")) {
                String[] fields = line.split(",");
                int exec = List.of(fields).indexOf("exec");
                if (line.startsWith("onednn_verbose")
                        && exec >= 0
                        && fields.length > exec + 4
                        && fields[exec + 2].equals("convolution")
                        && fields[exec + 4].startsWith(propKind)) {
                    kernels.add(fields[exec + 3]);
                }
            }
            return kernels;
        }

        /** The lines that start with {@code prefix}. */
        List<String> lines(String prefix) {
            return output.lines().filter(l -> l.startsWith(prefix)).toList();
        }
    }

    private ChildJvm() {}

    static Result run(Class<?> main, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove(NativeGuard.VARIABLE);
        builder.environment().remove("DNNL_MAX_CPU_ISA");
        builder.environment().put("ONEDNN_VERBOSE", "1");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out\n" + new String(output, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
