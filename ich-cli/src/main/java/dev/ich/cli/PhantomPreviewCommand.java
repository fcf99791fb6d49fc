package dev.ich.cli;

import dev.ich.bench.BenchStats;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.volume.HuWindow;
import dev.ich.dicom.write.AtomicFileWriter;
import dev.ich.dicom.write.ExistingOutput;
import dev.ich.phantom.Location;
import dev.ich.phantom.Phantom;
import dev.ich.phantom.PhantomCohort;
import dev.ich.phantom.PhantomGenerator;
import dev.ich.phantom.PhantomLabel;
import dev.ich.phantom.PhantomSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ich phantom-preview}: generates synthetic head CTs, prints what each holds and how long it
 * took ({@code name=value} figures), draws slices to a PNG, and prints the label statistics of a
 * cohort.
 */
@Command(
        name = "phantom-preview",
        mixinStandardHelpOptions = true,
        description =
                "Preview synthetic head CTs: slices as PNG, generation time, cohort label statistics.")
final class PhantomPreviewCommand implements Callable<Integer> {

    @Mixin CommonOptions common;

    @Spec CommandSpec spec;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Cohort seed (default ${DEFAULT-VALUE}).")
    @Range(min = Long.MIN_VALUE, max = Long.MAX_VALUE)
    long seed;

    @Option(
            names = "--count",
            defaultValue = "1",
            description = "Phantoms to generate and time (default ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 100_000)
    int count;

    @Option(
            names = "--warmup",
            defaultValue = "0",
            description =
                    "Phantoms generated untimed first, to warm the JIT up (default ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 10_000)
    int warmup;

    @Option(
            names = "--size",
            defaultValue = "512",
            description = "In-plane pixels (default ${DEFAULT-VALUE}).")
    @Range(min = 64, max = 1024)
    int size;

    @Option(
            names = "--slice-thickness",
            defaultValue = "5",
            description = "Slice thickness, mm (default ${DEFAULT-VALUE}).")
    @Range(min = 0.5, max = 10)
    double sliceThickness;

    @Option(names = "--location", description = "LOBAR, DEEP or INFRATENTORIAL (default random).")
    Location location;

    @Option(names = "--volume", description = "Exact total haematoma volume, ml (default random).")
    @Range(min = 0, max = 500)
    Double volumeMl;

    @Option(
            names = "--haematomas",
            defaultValue = "1",
            description = "Haematomas per head (default ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 10)
    int haematomas;

    @Option(
            names = "--png",
            description = "Draw slices of the first phantom to this PNG (must not exist).")
    Path png;

    @Option(
            names = "--labels",
            defaultValue = "0",
            description =
                    "Also print the volume quantiles and death rates of this many cohort labels (no images).")
    @Range(min = 0, max = 10_000_000)
    int labels;

    @Override
    public Integer call() throws IchException {
        if (count < 0 || warmup < 0 || labels < 0) {
            throw new ParameterException(
                    spec.commandLine(), "--count, --warmup and --labels must not be negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        PhantomSpec.Builder builder =
                PhantomSpec.builder()
                        .inPlaneSize(size)
                        .sliceThicknessMm(sliceThickness)
                        .haematomaCount(haematomas)
                        .location(location);
        if (volumeMl != null) {
            builder.targetVolumeMl(volumeMl);
        }
        PhantomSpec template = builder.build();
        if (png != null && Files.exists(png, LinkOption.NOFOLLOW_LINKS)) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    png.toString(),
                    "the file exists",
                    "Choose another --png path or remove the file");
        }
        PhantomCohort cohort = new PhantomCohort(template, seed, Math.max(count, 1) + warmup);
        for (int n = 0; n < warmup; n++) {
            cohort.generate(count + n);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] wall = new double[count];
        double[] cpu = new double[count];
        for (int i = 0; i < count; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Phantom p = cohort.generate(i);
            wall[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            var g = p.volume().geometry();
            out.printf(
                    Locale.ROOT,
                    "phantom %d: seed=%d grid=%d×%d×%d spacing=%.3f×%.3f×%.2f mm volume_ml=%.3f"
                            + " haematomas=%s death_probability=%.3f outcome=%d ms=%.0f cpu_ms=%.0f%n",
                    i,
                    p.seed(),
                    g.nx(),
                    g.ny(),
                    g.nz(),
                    g.spacing().x(),
                    g.spacing().y(),
                    g.spacing().z(),
                    p.volumeMl(),
                    p.haematomas().stream()
                            .map(
                                    h ->
                                            h.location()
                                                    + String.format(
                                                            Locale.ROOT, ":%.2fml", h.volumeMl()))
                            .toList(),
                    p.deathProbability(),
                    p.outcome(),
                    wall[i],
                    cpu[i]);
            if (i == 0 && png != null) {
                writePng(p, out);
            }
        }
        if (count > 0) {
            out.printf(Locale.ROOT, "phantom_ms_median=%.1f%n", BenchStats.median(wall));
            out.printf(Locale.ROOT, "phantom_cpu_ms_median=%.1f%n", BenchStats.median(cpu));
        }
        if (labels > 0) {
            printLabelStatistics(new PhantomCohort(template, seed, labels), out);
        }
        return 0;
    }

    private void writePng(Phantom p, PrintWriter out) throws IchException {
        int[] slices = PhantomPng.slices(p, 5);
        AtomicFileWriter.write(
                png,
                ExistingOutput.REFUSE,
                stream -> {
                    if (!ImageIO.write(
                            PhantomPng.render(p, slices, HuWindow.ofCenterWidth(40, 80)),
                            "png",
                            stream)) {
                        throw new IOException("no PNG writer is available");
                    }
                });
        out.printf(Locale.ROOT, "png=%s slices=%s window=W80/L40%n", png, Arrays.toString(slices));
    }

    private static void printLabelStatistics(PhantomCohort cohort, PrintWriter out) {
        int n = cohort.size();
        double[] volumes = new double[n];
        int deaths = 0;
        Map<Location, int[]> byLocation = new EnumMap<>(Location.class);
        for (int i = 0; i < n; i++) {
            PhantomLabel label = PhantomGenerator.label(cohort.spec(i));
            volumes[i] = label.targetVolumeMl();
            deaths += label.outcome();
            if (label.primaryLocation() != null) {
                int[] c = byLocation.computeIfAbsent(label.primaryLocation(), l -> new int[2]);
                c[0]++;
                c[1] += label.outcome();
            }
        }
        Arrays.sort(volumes);
        out.printf(Locale.ROOT, "labels=%d%n", n);
        for (int q : new int[] {5, 25, 50, 75, 95}) {
            out.printf(
                    Locale.ROOT,
                    "volume_ml_q%02d=%.2f%n",
                    q,
                    volumes[Math.min(n - 1, q * n / 100)]);
        }
        out.printf(Locale.ROOT, "death_rate=%.4f%n", deaths / (double) n);
        byLocation.forEach(
                (where, c) ->
                        out.printf(
                                Locale.ROOT,
                                "death_rate_%s=%.4f (n=%d)%n",
                                where.name().toLowerCase(Locale.ROOT),
                                c[1] / (double) c[0],
                                c[0]));
    }
}
