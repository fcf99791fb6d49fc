package dev.ich.eval.estimators;

import java.util.ArrayList;
import java.util.List;

/** Binary morphology on one slice (row-major, i fastest). */
final class SliceMorphology {

    private SliceMorphology() {}

    /**
     * The pixel offsets {di, dj} within {@code radiusMm} of the centre, for pixel spacing sx × sy,
     * on a slice of nx × ny pixels: offsets beyond the slice cannot reach another pixel, so the
     * disc is cut there and stays as small as the slice whatever the spacing.
     */
    static int[][] disc(double radiusMm, double sx, double sy, int nx, int ny) {
        int ri = (int) Math.min(Math.floor(radiusMm / sx), nx - 1);
        int rj = (int) Math.min(Math.floor(radiusMm / sy), ny - 1);
        List<int[]> offsets = new ArrayList<>();
        for (int dj = -rj; dj <= rj; dj++) {
            for (int di = -ri; di <= ri; di++) {
                double x = di * sx;
                double y = dj * sy;
                if (x * x + y * y <= radiusMm * radiusMm + 1e-9) {
                    offsets.add(new int[] {di, dj});
                }
            }
        }
        return offsets.toArray(new int[0][]);
    }

    /** Dilation by the offsets; only boundary pixels are stamped, since inner ones add nothing. */
    static boolean[] dilate(boolean[] src, int nx, int ny, int[][] offsets) {
        boolean[] out = src.clone();
        if (offsets.length <= 1) {
            return out;
        }
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int p = i + nx * j;
                if (!src[p] || !isBoundary(src, nx, ny, i, j)) {
                    continue;
                }
                for (int[] o : offsets) {
                    int x = i + o[0];
                    int y = j + o[1];
                    if (x >= 0 && y >= 0 && x < nx && y < ny) {
                        out[x + nx * y] = true;
                    }
                }
            }
        }
        return out;
    }

    private static boolean isBoundary(boolean[] src, int nx, int ny, int i, int j) {
        return i == 0
                || j == 0
                || i == nx - 1
                || j == ny - 1
                || !src[i - 1 + nx * j]
                || !src[i + 1 + nx * j]
                || !src[i + nx * (j - 1)]
                || !src[i + nx * (j + 1)];
    }

    /**
     * The pixels reachable from the slice border through pixels that are not {@code wall}
     * (4-connected).
     */
    static boolean[] floodFromBorder(boolean[] wall, int nx, int ny) {
        boolean[] reached = new boolean[nx * ny];
        int[] queue = new int[nx * ny];
        int head = 0;
        int tail = 0;
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                if (i == 0 || j == 0 || i == nx - 1 || j == ny - 1) {
                    int p = i + nx * j;
                    if (!wall[p] && !reached[p]) {
                        reached[p] = true;
                        queue[tail++] = p;
                    }
                }
            }
        }
        while (head < tail) {
            int p = queue[head++];
            int i = p % nx;
            int j = p / nx;
            if (i > 0) {
                tail = visit(p - 1, wall, reached, queue, tail);
            }
            if (i < nx - 1) {
                tail = visit(p + 1, wall, reached, queue, tail);
            }
            if (j > 0) {
                tail = visit(p - nx, wall, reached, queue, tail);
            }
            if (j < ny - 1) {
                tail = visit(p + nx, wall, reached, queue, tail);
            }
        }
        return reached;
    }

    private static int visit(int q, boolean[] wall, boolean[] reached, int[] queue, int tail) {
        if (!wall[q] && !reached[q]) {
            reached[q] = true;
            queue[tail++] = q;
        }
        return tail;
    }
}
