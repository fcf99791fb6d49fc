package dev.ich.core.preprocess;

/**
 * Trilinear resize of a {@code inD × inH × inW} block to {@code outD × outH × outW} with the
 * semantics of PyTorch's {@code F.interpolate(mode='trilinear', align_corners=False)}, done as
 * three separable linear passes (width, then height, then depth) with precomputed indices and
 * weights ({@link LinearAxis}). The result equals PyTorch's up to float rounding (the passes
 * multiply the same weights in another order).
 *
 * <p>Why this order: the width pass reads each source row once, contiguously, and shrinks the data
 * most for CT (512 → 224); the height and depth passes then combine whole rows and planes, loops
 * the JIT vectorises. Only the source rows and slices some output reads are touched.
 *
 * <p>The preprocessing resizes the cropped study with it, {@link InputMapping} maps back to the
 * study grid with it, and ich-explain upsamples class-activation maps to the model input with it.
 */
public final class Trilinear {

    private Trilinear() {}

    /**
     * Resizes {@code source}, a {@code inD × inH × inW} block with {@code width} fastest, to {@code
     * outD × outH × outW}, on the calling thread.
     *
     * @return a new array, {@code width} fastest
     * @throws IllegalArgumentException when a size is below 1 or {@code source} does not hold
     *     {@code inD·inH·inW} values
     */
    public static float[] resize(
            float[] source, int inD, int inH, int inW, int outD, int outH, int outW) {
        if (inD < 1 || inH < 1 || inW < 1 || outD < 1 || outH < 1 || outW < 1) {
            throw new IllegalArgumentException(
                    "sizes must be positive, got "
                            + inD
                            + "×"
                            + inH
                            + "×"
                            + inW
                            + " → "
                            + outD
                            + "×"
                            + outH
                            + "×"
                            + outW);
        }
        if ((long) inD * inH * inW != source.length) {
            throw new IllegalArgumentException(
                    "source has "
                            + source.length
                            + " values but "
                            + inD
                            + "×"
                            + inH
                            + "×"
                            + inW
                            + " needs "
                            + (long) inD * inH * inW);
        }
        RowReader rows = (j, k, row) -> System.arraycopy(source, (k * inH + j) * inW, row, 0, inW);
        return resize(rows, inD, inH, inW, outD, outH, outW, 1);
    }

    /** Returns the resized block, {@code width} fastest. */
    static float[] resize(
            RowReader source,
            int inD,
            int inH,
            int inW,
            int outD,
            int outH,
            int outW,
            int threads) {
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
        Parallel.forEach(
                planes,
                threads,
                () -> {
                    float[] row = new float[inW];
                    float[] rowsW = new float[inH * outW];
                    return p ->
                            resizePlane(
                                    source,
                                    kOfPlane[p],
                                    inH,
                                    usedJ,
                                    axisW,
                                    axisH,
                                    row,
                                    rowsW,
                                    planeData,
                                    p * planeSize);
                });

        float[] out = new float[Math.multiplyExact(outD, planeSize)];
        Parallel.forEach(
                outD,
                threads,
                () ->
                        d -> {
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

    private static void resizePlane(
            RowReader source,
            int k,
            int inH,
            boolean[] usedJ,
            LinearAxis axisW,
            LinearAxis axisH,
            float[] row,
            float[] rowsW,
            float[] target,
            int offset) {
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
