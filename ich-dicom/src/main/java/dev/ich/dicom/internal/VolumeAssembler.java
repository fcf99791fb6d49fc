package dev.ich.dicom.internal;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.Provenance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the slices of a {@link SeriesPlan} into one HU array, written in place slice by slice so
 * that the peak memory is the volume plus one frame.
 */
public final class VolumeAssembler {

    private VolumeAssembler() {}

    /**
     * @param resampleIrregular when the slices are unevenly spaced: interpolate linearly onto an
     *     even grid (with a warning) instead of failing
     */
    public static CtVolume read(
            SeriesPlan plan, boolean resampleIrregular, int threads, String source)
            throws IchException {
        if (plan.irregular() != null && !resampleIrregular) {
            throw new IchException(
                    ErrorCode.INCONSISTENT_SERIES,
                    source,
                    "series " + plan.seriesUid() + ": " + plan.irregular(),
                    "re-export the complete series, or allow resampling onto an even grid "
                            + "(DicomStudyReader.builder().resampleIrregularSpacing(true), ich convert --resample)");
        }
        int plane = plan.nx() * plan.ny();
        int nz = plan.sliceCount();
        if ((long) plane * nz > Integer.MAX_VALUE - 8) {
            throw new IchException(
                    ErrorCode.IMPLAUSIBLE_LENGTH,
                    source,
                    "the series has "
                            + plan.nx()
                            + " × "
                            + plan.ny()
                            + " × "
                            + nz
                            + " voxels, more than one array can hold",
                    "pass a smaller series");
        }
        List<String> warnings = new ArrayList<>(plan.warnings());
        float[] hu = new float[plane * nz];
        int dropped = decodeAll(plan, hu, plane, Math.max(1, Math.min(threads, nz)), source);
        if (dropped > 0) {
            warnings.add(dropped + " duplicate slice(s) with identical pixel data were dropped");
        }
        Vec3 spacing = plan.spacing();
        if (plan.irregular() != null) {
            double[] pos = plan.positions();
            double extent = pos[nz - 1];
            double[] gaps = new double[nz - 1];
            for (int k = 0; k + 1 < nz; k++) {
                gaps[k] = pos[k + 1] - pos[k];
            }
            double[] sortedGaps = gaps.clone();
            Arrays.sort(sortedGaps);
            double median = sortedGaps[sortedGaps.length / 2];
            int outNz = (int) Math.round(extent / median) + 1;
            if ((long) outNz * plane > Integer.MAX_VALUE - 8 || outNz > 100_000) {
                throw new IchException(
                        ErrorCode.IMPLAUSIBLE_LENGTH,
                        source,
                        "resampling would need " + outNz + " slices",
                        "re-export the complete series");
            }
            double dz = extent / (outNz - 1);
            hu = resample(hu, pos, plane, outNz, dz);
            spacing = new Vec3(spacing.x(), spacing.y(), dz);
            warnings.add(
                    plan.irregular()
                            + "; resampled linearly onto "
                            + outNz
                            + " evenly spaced slices of "
                            + SeriesPlanner.fmt(dz)
                            + " mm");
            nz = outNz;
        }
        VolumeGeometry geometry =
                new VolumeGeometry(
                        plan.nx(),
                        plan.ny(),
                        nz,
                        spacing,
                        plan.origin(),
                        plan.axisI(),
                        plan.axisJ(),
                        plan.axisK());
        Provenance provenance =
                new Provenance(
                        plan.seriesUid(),
                        nz,
                        plan.fileCount(),
                        String.join(",", plan.transferSyntaxes()),
                        warnings);
        return CtVolume.wrap(geometry, hu, provenance);
    }

    /**
     * Decodes every slice into {@code hu}, slices {@code t, t + n, t + 2n, ...} on thread {@code
     * t}; returns the number of identical duplicates dropped. The first error (lowest slice) wins.
     */
    private static int decodeAll(SeriesPlan plan, float[] hu, int plane, int threads, String source)
            throws IchException {
        int nz = plan.sliceCount();
        IchException[] errors = new IchException[nz];
        int[] dropped = new int[threads];
        RuntimeException[] bugs = new RuntimeException[threads];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int first = t;
            Runnable work =
                    () -> {
                        PixelReader.Buffers buffers = new PixelReader.Buffers();
                        float[] scratch = null;
                        for (int k = first; k < nz; k += threads) {
                            try {
                                List<FrameInfo> group = plan.slices().get(k);
                                readFrame(group.get(0), hu, k * plane, buffers);
                                for (int d = 1; d < group.size(); d++) {
                                    if (scratch == null) {
                                        scratch = new float[plane];
                                    }
                                    readFrame(group.get(d), scratch, 0, buffers);
                                    if (!Arrays.equals(
                                            hu, k * plane, (k + 1) * plane, scratch, 0, plane)) {
                                        throw SeriesPlanner.inconsistent(
                                                source,
                                                plan.seriesUid(),
                                                "two different images "
                                                        + "at the same position ("
                                                        + group.get(0).describe()
                                                        + " and "
                                                        + group.get(d).describe()
                                                        + "): several acquisitions or phases are mixed in "
                                                        + "one series");
                                    }
                                    dropped[first]++;
                                }
                            } catch (IchException e) {
                                errors[k] = e;
                                return;
                            } catch (RuntimeException e) {
                                bugs[first] = e;
                                return;
                            }
                        }
                    };
            if (threads == 1) {
                work.run();
            } else {
                workers[t] = new Thread(work, "ich-dicom-decoder-" + t);
                workers[t].setDaemon(true);
                workers[t].start();
            }
        }
        for (Thread w : workers) {
            if (w == null) {
                continue;
            }
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IchException(
                        ErrorCode.IO_ERROR, source, "reading was interrupted", "try again", e);
            }
        }
        for (RuntimeException bug : bugs) {
            if (bug != null) {
                throw bug;
            }
        }
        for (IchException e : errors) {
            if (e != null) {
                throw e;
            }
        }
        return Arrays.stream(dropped).sum();
    }

    private static void readFrame(
            FrameInfo frame, float[] dst, int offset, PixelReader.Buffers buffers)
            throws IchException {
        try (PixelReader reader = new PixelReader(frame.image(), buffers)) {
            reader.readHu(frame, dst, offset);
        }
    }

    /**
     * Linear interpolation along k from slices at {@code pos} onto {@code outNz} slices {@code dz}
     * apart.
     */
    private static float[] resample(float[] in, double[] pos, int plane, int outNz, double dz) {
        float[] out = new float[outNz * plane];
        int lo = 0;
        for (int k = 0; k < outNz; k++) {
            double t = k == outNz - 1 ? pos[pos.length - 1] : k * dz;
            while (lo + 2 < pos.length && pos[lo + 1] < t) {
                lo++;
            }
            double w = (t - pos[lo]) / (pos[lo + 1] - pos[lo]);
            w = Math.max(0, Math.min(1, w));
            int a = lo * plane;
            int b = (lo + 1) * plane;
            for (int p = 0; p < plane; p++) {
                out[k * plane + p] = (float) ((1 - w) * in[a + p] + w * in[b + p]);
            }
        }
        return out;
    }
}
