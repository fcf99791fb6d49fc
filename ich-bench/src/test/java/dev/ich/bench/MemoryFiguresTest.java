package dev.ich.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Java heap's resident memory is found in smaps as the mappings that span the reserved heap.
 */
class MemoryFiguresTest {

    /**
     * The layout of a JDK 17 G1 heap of 0x2F1800000 bytes as smaps shows it: committed and reserved
     * parts, then class-data archive regions (files) mapped into its top; unrelated anonymous
     * mappings before it (with a gap) and after it (adjacent), and a file.
     */
    private static final List<String> SMAPS =
            List.of(
                    "50d800000-50e700000 rw-p 00000000 00:00 0 ",
                    "Size:              15360 kB",
                    "Rss:                 100 kB",
                    "50e800000-558800000 rw-p 00000000 00:00 0 ",
                    "Size:            1212416 kB",
                    "Rss:              146956 kB",
                    "558800000-7ff000000 ---p 00000000 00:00 0 ",
                    "Rss:                   0 kB",
                    "7ff000000-7ff700000 rw-p 00000000 00:00 0 ",
                    "Rss:                  20 kB",
                    "7ff700000-7ff775000 rw-p 00c77000 fe:00 328258                           /usr/lib/jvm/lib/server/classes.jsa",
                    "Rss:                 400 kB",
                    "7ff775000-7ff800000 rw-p 00000000 00:00 0 ",
                    "Rss:                   4 kB",
                    "7ff800000-7ff878000 rw-p 00bff000 fe:00 328258                           /usr/lib/jvm/lib/server/classes.jsa",
                    "Rss:                 480 kB",
                    "7ff878000-800000000 rw-p 00000000 00:00 0 ",
                    "Rss:                   8 kB",
                    "800000000-800400000 rw-p 00000000 00:00 0 ",
                    "Rss:                 999 kB",
                    "562c17619000-562c1761a000 r--p 00000000 fe:00 327901                     /usr/lib/jvm/bin/java",
                    "Rss:                   4 kB",
                    "VmFlags: rd mr mw me dw sd ");

    @Test
    void sumsTheMappingsThatSpanTheReservedHeapExactly() {
        List<MemoryFigures.Mapping> maps = MemoryFigures.parse(SMAPS);
        assertThat(maps).hasSize(10);
        assertThat(maps.get(4).anonymous()).isFalse();
        assertThat(MemoryFigures.heapRssKb(maps, 0x2F1800000L))
                .isEqualTo(146956 + 0 + 20 + 400 + 4 + 480 + 8);
    }

    @Test
    void twoRunsOfTheHeapsLengthGiveNaN() {
        // The unrelated mapping before the heap made adjacent: it and the heap without its top 16
        // MB span as much.
        List<String> adjacent = new ArrayList<>(SMAPS);
        adjacent.set(0, "50d800000-50e800000 rw-p 00000000 00:00 0 ");
        assertThat(MemoryFigures.heapRssKb(MemoryFigures.parse(adjacent), 0x2F1800000L)).isNaN();
    }

    @Test
    void aHeapSizeNoRunSpansGivesNaN() {
        assertThat(MemoryFigures.heapRssKb(MemoryFigures.parse(SMAPS), 0x2F1800000L + 4096))
                .isNaN();
        assertThat(MemoryFigures.heapRssKb(MemoryFigures.parse(SMAPS), 0x1000L)).isNaN();
    }

    @Test
    void thisJvmsHeapIsFound() {
        // The JVM running the tests, where it has smaps and G1 (whose heap is one reservation of
        // maxMemory bytes).
        boolean g1 =
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .anyMatch(gc -> gc.getName().startsWith("G1"));
        if (g1 && Files.exists(Path.of("/proc/self/smaps"))) {
            assertThat(MemoryFigures.heapRssMb())
                    .isPositive()
                    .isLessThan(MemoryFigures.rssMb("VmRSS"));
        }
    }
}
