package dev.ich.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resident memory before and after many repetitions of one job, for the memory figures of {@code
 * ich bench}: in total, split into the Java heap's pages and everything else (libtorch's tensors,
 * Java direct buffers, the JVM's own memory), and the live heap.
 *
 * <p>The split matters because a JVM's resident memory also grows while it writes to pages of its
 * committed heap for the first time (new eden regions, then old regions as garbage is promoted
 * before a concurrent cycle frees it). That ends at the committed heap, whatever the job, but can
 * take hundreds of calls; a native leak (such as direct buffers waiting for a collection) shows in
 * the memory outside the heap. The heap's pages are summed from {@code /proc/self/smaps}: the heap
 * is the run of adjacent mappings, starting with an anonymous one, exactly {@link
 * Runtime#maxMemory()} long (G1 reserves it in one piece); where none or several are found the
 * split is NaN. No collection is forced between the start and end figures (a full collection
 * shrinks the heap, and its regrowth would count as growth); the live heap is measured by forced
 * collections before the warm-up and after the end figure.
 */
final class MemoryFigures {

    /**
     * Figures at one moment, in MB: resident in total and in the heap, committed heap, live heap
     * (NaN where not taken).
     */
    record Snapshot(double rssMb, double heapRssMb, double heapCommittedMb, double liveHeapMb) {

        double outsideHeapMb() {
            return rssMb - heapRssMb;
        }
    }

    private MemoryFigures() {}

    /** The live heap in MB after a forced full collection; call it before the warm-up. */
    static double liveHeapMb() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) / 1048576.0;
    }

    /** The figures after the warm-up, with the live heap measured before it. */
    static Snapshot start(double liveHeapBeforeWarmupMb) {
        return new Snapshot(rssMb("VmRSS"), heapRssMb(), committedMb(), liveHeapBeforeWarmupMb);
    }

    /** The figures now, then the live heap after a forced full collection. */
    static Snapshot end() {
        double rss = rssMb("VmRSS");
        double heap = heapRssMb();
        double committed = committedMb();
        return new Snapshot(rss, heap, committed, liveHeapMb());
    }

    /**
     * Prints {@code name=count rss_start_mb=… rss_end_mb=… rss_growth_percent=…}, then the same
     * outside the heap, the heap's resident and committed MB, and the live heap.
     */
    static void print(PrintWriter out, String name, int count, Snapshot start, Snapshot end) {
        out.printf(
                Locale.ROOT,
                "%s=%d rss_start_mb=%.0f rss_end_mb=%.0f rss_growth_percent=%.2f%n",
                name,
                count,
                start.rssMb(),
                end.rssMb(),
                growth(start.rssMb(), end.rssMb()));
        out.printf(
                Locale.ROOT,
                "rss_outside_heap_start_mb=%.0f rss_outside_heap_end_mb=%.0f"
                        + " rss_outside_heap_growth_percent=%.2f%n",
                start.outsideHeapMb(),
                end.outsideHeapMb(),
                growth(start.outsideHeapMb(), end.outsideHeapMb()));
        out.printf(
                Locale.ROOT,
                "heap_rss_start_mb=%.0f heap_rss_end_mb=%.0f heap_committed_start_mb=%.0f"
                        + " heap_committed_end_mb=%.0f%n",
                start.heapRssMb(),
                end.heapRssMb(),
                start.heapCommittedMb(),
                end.heapCommittedMb());
        out.printf(
                Locale.ROOT,
                "live_heap_before_warmup_mb=%.1f live_heap_end_mb=%.1f live_heap_growth_percent=%.2f%n",
                start.liveHeapMb(),
                end.liveHeapMb(),
                growth(start.liveHeapMb(), end.liveHeapMb()));
    }

    /** A line of /proc/self/status in MB (VmRSS now, VmHWM peak); NaN where /proc is missing. */
    static double rssMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    static double growth(double from, double to) {
        return 100 * (to - from) / from;
    }

    private static double committedMb() {
        return Runtime.getRuntime().totalMemory() / 1048576.0;
    }

    /**
     * Resident MB of the Java heap's mappings, NaN where /proc/self/smaps or the heap is not found.
     */
    static double heapRssMb() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return heapRssKb(parse(lines), Runtime.getRuntime().maxMemory()) / 1024.0;
    }

    /** One mapping of smaps: address range, whether it is anonymous (no path), resident kB. */
    record Mapping(long start, long end, boolean anonymous, long rssKb) {}

    static List<Mapping> parse(List<String> smaps) {
        List<Mapping> maps = new ArrayList<>();
        long start = -1;
        long end = -1;
        boolean anonymous = false;
        for (String line : smaps) {
            int dash = line.indexOf('-');
            int space = line.indexOf(' ');
            if (dash > 0 && space > dash && isHex(line, 0, dash) && isHex(line, dash + 1, space)) {
                start = Long.parseUnsignedLong(line.substring(0, dash), 16);
                end = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
                String[] fields = line.trim().split("\\s+");
                anonymous = fields.length < 6;
            } else if (line.startsWith("Rss:") && start >= 0) {
                maps.add(
                        new Mapping(
                                start,
                                end,
                                anonymous,
                                Long.parseLong(line.replaceAll("[^0-9]", ""))));
                start = -1;
            }
        }
        return maps;
    }

    /**
     * The resident kB of the adjacent mappings, the first anonymous, that span exactly {@code
     * heapBytes}; NaN if none or several do. (Regions of the class-data archive mapped into the
     * heap's top are files, so later mappings may be.)
     */
    static double heapRssKb(List<Mapping> maps, long heapBytes) {
        double found = Double.NaN;
        int matches = 0;
        for (int i = 0; i < maps.size(); i++) {
            if (!maps.get(i).anonymous()) {
                continue;
            }
            long rss = 0;
            for (int j = i;
                    j < maps.size() && (j == i || maps.get(j).start() == maps.get(j - 1).end());
                    j++) {
                rss += maps.get(j).rssKb();
                long span = maps.get(j).end() - maps.get(i).start();
                if (span == heapBytes) {
                    found = rss;
                    matches++;
                }
                if (span >= heapBytes) {
                    break;
                }
            }
        }
        // Two runs of the heap's length (a neighbour as long as the archive regions at the top):
        // unknown.
        return matches == 1 ? found : Double.NaN;
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return to > from;
    }
}
