package dev.ich.eval.estimators;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** 6-connected components in 3D. */
final class Components {

    private Components() {}

    /** Receives one component: its voxels are {@code queue[0 … size−1]}. */
    @FunctionalInterface
    private interface ComponentSink {
        void accept(int[] queue, int size);
    }

    /**
     * The voxels of {@code voxels} in 6-connected components of at least {@code minVoxels} voxels.
     */
    static BitSet keepLarge(BitSet voxels, int nx, int ny, int nz, long minVoxels) {
        BitSet kept = new BitSet(voxels.length());
        forEach(
                voxels,
                nx,
                ny,
                nz,
                (queue, size) -> {
                    if (size >= minVoxels) {
                        for (int q = 0; q < size; q++) {
                            kept.set(queue[q]);
                        }
                    }
                });
        return kept;
    }

    /** Each 6-connected component of {@code voxels} as a set of its own. */
    static List<BitSet> split(BitSet voxels, int nx, int ny, int nz) {
        List<BitSet> parts = new ArrayList<>();
        forEach(
                voxels,
                nx,
                ny,
                nz,
                (queue, size) -> {
                    BitSet part = new BitSet();
                    for (int q = 0; q < size; q++) {
                        part.set(queue[q]);
                    }
                    parts.add(part);
                });
        return parts;
    }

    private static void forEach(BitSet voxels, int nx, int ny, int nz, ComponentSink sink) {
        BitSet seen = new BitSet(voxels.length());
        int[] queue = new int[Math.max(16, voxels.cardinality())];
        int slice = nx * ny;
        for (int start = voxels.nextSetBit(0); start >= 0; start = voxels.nextSetBit(start + 1)) {
            if (seen.get(start)) {
                continue;
            }
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            seen.set(start);
            while (head < tail) {
                int p = queue[head++];
                int i = p % nx;
                int j = (p / nx) % ny;
                int k = p / slice;
                if (i > 0) {
                    tail = visit(p - 1, voxels, seen, queue, tail);
                }
                if (i < nx - 1) {
                    tail = visit(p + 1, voxels, seen, queue, tail);
                }
                if (j > 0) {
                    tail = visit(p - nx, voxels, seen, queue, tail);
                }
                if (j < ny - 1) {
                    tail = visit(p + nx, voxels, seen, queue, tail);
                }
                if (k > 0) {
                    tail = visit(p - slice, voxels, seen, queue, tail);
                }
                if (k < nz - 1) {
                    tail = visit(p + slice, voxels, seen, queue, tail);
                }
            }
            sink.accept(queue, tail);
        }
    }

    private static int visit(int q, BitSet voxels, BitSet seen, int[] queue, int tail) {
        if (voxels.get(q) && !seen.get(q)) {
            seen.set(q);
            queue[tail++] = q;
        }
        return tail;
    }
}
