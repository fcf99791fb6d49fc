package dev.ich.samples.cli;

import java.util.Arrays;
import java.util.function.DoubleSupplier;

/** The statistics every {@code ich bench} mode prints: medians of wall and process-CPU times. */
final class BenchStats {

    private BenchStats() {
    }

    /** The median of {@code values} (the mean of the middle two for an even count); the array is not changed. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * CPU time of the whole process in ms: on a shared machine wall time depends on the other
     * jobs, CPU time much less, so both are printed.
     */
    static double processCpuMs() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
            .getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
    }

    /** Medians of a timed task's wall time (as the task reports it) and of the process CPU time it took. */
    record Timing(double wallMs, double cpuMs) {

        /** Runs {@code task} {@code warmup} times untimed, then {@code runs} times timed. */
        static Timing measure(DoubleSupplier task, int warmup, int runs) {
            for (int i = 0; i < warmup; i++) {
                task.getAsDouble();
            }
            double[] wall = new double[runs];
            double[] cpu = new double[runs];
            for (int i = 0; i < runs; i++) {
                double c0 = processCpuMs();
                wall[i] = task.getAsDouble();
                cpu[i] = processCpuMs() - c0;
            }
            return new Timing(median(wall), median(cpu));
        }
    }
}
