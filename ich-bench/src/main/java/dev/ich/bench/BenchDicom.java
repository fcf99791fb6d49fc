package dev.ich.bench;

import dev.ich.core.error.IchException;
import dev.ich.core.volume.CtVolume;
import dev.ich.dicom.DicomStudyReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code ich bench --dicom FOLDER}: reads a DICOM series into HU repeatedly and prints the
 * throughput in MB of stored pixel data per second and the peak heap of one read, for comparison
 * with {@code tools/bench/read_pydicom.py} on the same folder.
 */
public final class BenchDicom {

    private BenchDicom() {}

    public static int run(Path folder, int warmup, int runs, int threads, PrintWriter out)
            throws IchException {
        DicomStudyReader reader = DicomStudyReader.builder().decodeThreads(threads).build();
        CtVolume v = reader.read(folder);
        long pixelBytes = 2L * v.geometry().voxelCount();
        double huMb = 4.0 * v.geometry().voxelCount() / 1048576.0;
        out.printf(
                Locale.ROOT,
                "bench dicom: %s, %d×%d×%d, transfer syntax %s, %d decode thread(s), %d warm-up + %d timed runs%n",
                folder,
                v.geometry().nx(),
                v.geometry().ny(),
                v.geometry().nz(),
                v.provenance().transferSyntaxUid(),
                threads,
                warmup,
                runs);
        v = null;
        for (int n = 0; n < warmup; n++) {
            reader.read(folder);
        }
        double[] seconds = new double[runs];
        for (int n = 0; n < runs; n++) {
            long t0 = System.nanoTime();
            reader.read(folder);
            seconds[n] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(seconds);
        double median = seconds[runs / 2];
        // Peak heap of one read on its own: collect, reset the pools' peaks, read once.
        List<MemoryPoolMXBean> heap =
                ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP)
                        .collect(Collectors.toList());
        System.gc();
        long baseline = used(heap, false);
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        CtVolume kept = reader.read(folder);
        long peak = used(heap, true);
        out.printf(Locale.ROOT, "read_s_median=%.3f%n", median);
        out.printf(Locale.ROOT, "read_s_min=%.3f%n", seconds[0]);
        out.printf(Locale.ROOT, "pixel_mb=%.1f%n", pixelBytes / 1e6);
        out.printf(Locale.ROOT, "throughput_mb_s=%.1f%n", pixelBytes / 1e6 / median);
        out.printf(Locale.ROOT, "hu_array_mb=%.1f%n", huMb);
        out.printf(Locale.ROOT, "heap_baseline_mb=%.1f%n", baseline / 1048576.0);
        out.printf(Locale.ROOT, "read_peak_heap_mb=%.1f%n", (peak - baseline) / 1048576.0);
        out.printf(
                Locale.ROOT,
                "read_peak_over_hu_array=%.2f%n",
                (peak - baseline) / 1048576.0 / huMb);
        out.printf(Locale.ROOT, "slices=%d%n", kept.geometry().nz());
        return 0;
    }

    private static long used(List<MemoryPoolMXBean> heap, boolean peak) {
        long sum = 0;
        for (MemoryPoolMXBean p : heap) {
            sum += (peak ? p.getPeakUsage() : p.getUsage()).getUsed();
        }
        return sum;
    }
}
