package dev.ich.core.preprocess;

/**
 * Trilinear resize of a {@code inD × inH × inW} block to {@code outD × outH × outW} with the
 * semantics of PyTorch's {@code F.interpolate(mode='trilinear', align_corners=False)}, done as
 * three separable linear passes (width, then height, then depth) with precomputed indices and
 * weights ({@link LinearAxis}). The result equals PyTorch's up to float rounding (the passes
 * multiply the same weights in another order).
 *
 * <p>Why this order: the width pass reads each source row once, contiguously, and shrinks the
 * data most for CT (512 → 224); the height and depth passes then combine whole rows and planes,
 * loops the JIT vectorises. Only the source rows and slices some output reads are touched.
 */
final class Trilinear {

    private Trilinear() {
    }

    /** Returns the resized block, {@code width} fastest. */
    static float[] resize(RowReader source, int inD, int inH, int inW, int outD, int outH, int outW, int threads) {
        LinearAxis axisD = LinearAxis.of(inD, outD);
        LinearAxis axisH = LinearAxis.of(inH, outH);
        LinearAxis axisW = LinearAxis.of(inW, outW);
        int planeSize = outH * outW;

        // The source slices the depth pass reads, each resized in-plane once into its own plane.
        boolean[] usedK = axisD.used(inD);
        int[] planeOfK = new int[inD];
        int planes = 0;
        for (int k = 0; k < inD; k++) {
            planeOfK[k] = usedK[k] ? planes++ : -1;
        }
        int[] kOfPlane = new int[planes];
        for (int k = 0; k < inD; k++) {
            if (planeOfK[k] >= 0) {
                kOfPlane[planeOfK[k]] = k;
            }
        }
        boolean[] usedJ = axisH.used(inH);
        float[] planeData = new float[Math.multiplyExact(planes, planeSize)];
        Parallel.forEach(planes, threads, () -> {
            float[] row = new float[inW];
            float[] rowsW = new float[inH * outW];
            return p -> resizePlane(source, kOfPlane[p], inH, usedJ, axisW, axisH, row, rowsW,
                planeData, p * planeSize);
        });

        float[] out = new float[Math.multiplyExact(outD, planeSize)];
        Parallel.forEach(outD, threads, () -> d -> {
            int a = planeOfK[axisD.lo[d]] * planeSize;
            int b = planeOfK[axisD.hi[d]] * planeSize;
            float wa = axisD.wLo[d];
            float wb = axisD.wHi[d];
            int o = d * planeSize;
            for (int x = 0; x < planeSize; x++) {
                out[o + x] = planeData[a + x] * wa + planeData[b + x] * wb;
            }
        });
        return out;
    }

    private static void resizePlane(RowReader source, int k, int inH, boolean[] usedJ, LinearAxis axisW,
                                    LinearAxis axisH, float[] row, float[] rowsW, float[] target, int offset) {
        int outW = axisW.outSize();
        int[] lo = axisW.lo;
        int[] hi = axisW.hi;
        float[] wLo = axisW.wLo;
        float[] wHi = axisW.wHi;
        for (int j = 0; j < inH; j++) {
            if (!usedJ[j]) {
                continue;
            }
            source.read(j, k, row);
            int o = j * outW;
            for (int w = 0; w < outW; w++) {
                rowsW[o + w] = row[lo[w]] * wLo[w] + row[hi[w]] * wHi[w];
            }
        }
        int outH = axisH.outSize();
        for (int h = 0; h < outH; h++) {
            int a = axisH.lo[h] * outW;
            int b = axisH.hi[h] * outW;
            float wa = axisH.wLo[h];
            float wb = axisH.wHi[h];
            int o = offset + h * outW;
            for (int w = 0; w < outW; w++) {
                target[o + w] = rowsW[a + w] * wa + rowsW[b + w] * wb;
            }
        }
    }
}
