package dev.ich.bench;

import dev.ich.core.error.IchException;
import java.util.Arrays;
import java.util.function.DoubleSupplier;

/** The statistics every {@code ich bench} mode prints: medians of wall and process-CPU times. */
public final class BenchStats {

    private BenchStats() {}

    /**
     * The median of {@code values} (the mean of the middle two for an even count); the array is not
     * changed.
     */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * CPU time of the whole process in ms: on a shared machine wall time depends on the other jobs,
     * CPU time much less, so both are printed.
     */
    public static double processCpuMs() {
        return ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e6;
    }

    /**
     * Medians of a timed task's wall time (as the task reports it) and of the process CPU time it
     * took.
     */
    record Timing(double wallMs, double cpuMs) {

        /** Runs {@code task} {@code warmup} times untimed, then {@code runs} times timed. */
        static Timing measure(DoubleSupplier task, int warmup, int runs) {
            for (int i = 0; i < warmup; i++) {
                task.getAsDouble();
            }
            double[] wall = new double[runs];
            double[] cpu = new double[runs];
            for (int i = 0; i < runs; i++) {
                Timing t = once(task);
                wall[i] = t.wallMs();
                cpu[i] = t.cpuMs();
            }
            return new Timing(median(wall), median(cpu));
        }

        private static Timing once(DoubleSupplier task) {
            double c0 = processCpuMs();
            double wall = task.getAsDouble();
            return new Timing(wall, processCpuMs() - c0);
        }
    }

    /** A pass of another program, timed by that program. */
    interface Partner {
        Timing run() throws IchException;
    }

    /**
     * A task and a partner's pass measured in alternation, each of the task's runs followed by one
     * of the partner's, so that both see the machine in the same state; the ratios are the medians
     * of the per-pair ratios.
     */
    record Paired(Timing task, Timing partner, double wallRatio, double cpuRatio) {

        /**
         * {@code warmup} untimed pairs (at least one pass for the partner), then {@code runs} timed
         * pairs.
         */
        static Paired measure(DoubleSupplier task, Partner partner, int warmup, int runs)
                throws IchException {
            for (int i = 0; i < Math.max(1, warmup); i++) {
                if (i < warmup) {
                    task.getAsDouble();
                }
                partner.run();
            }
            double[][] columns = new double[6][runs];
            for (int i = 0; i < runs; i++) {
                Timing a = Timing.once(task);
                Timing b = partner.run();
                double[] row = {
                    a.wallMs(),
                    a.cpuMs(),
                    b.wallMs(),
                    b.cpuMs(),
                    a.wallMs() / b.wallMs(),
                    a.cpuMs() / b.cpuMs()
                };
                for (int k = 0; k < row.length; k++) {
                    columns[k][i] = row[k];
                }
            }
            return new Paired(
                    new Timing(median(columns[0]), median(columns[1])),
                    new Timing(median(columns[2]), median(columns[3])),
                    median(columns[4]),
                    median(columns[5]));
        }
    }
}
