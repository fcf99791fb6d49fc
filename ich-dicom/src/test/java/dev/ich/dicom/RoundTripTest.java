package dev.ich.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.Provenance;
import dev.ich.dicom.write.DicomSeriesWriter;
import dev.ich.dicom.write.DicomTransferSyntax;
import dev.ich.dicom.write.RescaleMode;
import dev.ich.dicom.write.WrittenSeries;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A volume written by our DICOM writer in every syntax it writes, on an oblique and on a tilted
 * grid, and read back: the same HU (to the writer's own quantisation bound) and the same affine.
 */
class RoundTripTest {

    static final double AFFINE_TOLERANCE_MM = 1e-4;

    @ParameterizedTest
    @EnumSource(DicomTransferSyntax.class)
    void writtenSeriesReadsBackExactly(DicomTransferSyntax syntax, @TempDir Path tmp)
            throws Exception {
        for (RescaleMode mode : RescaleMode.values()) {
            for (CtVolume v : new CtVolume[] {volume(true, false), volume(false, true)}) {
                Path dir = tmp.resolve(syntax + "-" + mode + "-" + v.geometry().axisK().y());
                WrittenSeries w =
                        DicomSeriesWriter.builder()
                                .transferSyntax(syntax)
                                .rescaleMode(mode)
                                .uidSeed("round-trip")
                                .build()
                                .write(v, dir);
                CtVolume back = DicomStudyReader.create().read(dir);
                assertThat(back.provenance().transferSyntaxUid()).isEqualTo(syntax.uid());
                assertThat(back.provenance().seriesInstanceUid()).isEqualTo(w.seriesInstanceUid());
                assertThat(back.geometry().sameGrid(v.geometry(), AFFINE_TOLERANCE_MM))
                        .as("%s vs %s", back.geometry(), v.geometry())
                        .isTrue();
                float[] a = v.huCopy();
                float[] b = back.huCopy();
                double worst = 0;
                for (int i = 0; i < a.length; i++) {
                    worst = Math.max(worst, Math.abs(a[i] - b[i]));
                }
                // The writer reports its own rounding; reading must add nothing to it.
                assertThat(worst)
                        .as("%s %s", syntax, mode)
                        .isLessThanOrEqualTo(w.maxQuantisationErrorHu() + 1e-3);
            }
        }
    }

    /**
     * A small noisy volume on an oblique grid (fractional HU) or a gantry-tilted one (whole HU).
     */
    static CtVolume volume(boolean oblique, boolean tilted) {
        int nx = 20;
        int ny = 18;
        int nz = 6;
        double a = Math.toRadians(oblique ? 17 : 0);
        Vec3 i = new Vec3(Math.cos(a), Math.sin(a), 0);
        Vec3 j = new Vec3(-Math.sin(a), Math.cos(a), 0);
        Vec3 n = i.cross(j);
        Vec3 k = tilted ? n.plus(j.times(-Math.tan(Math.toRadians(12)))).normalized() : n;
        VolumeGeometry g =
                new VolumeGeometry(
                        nx, ny, nz, new Vec3(0.75, 0.8, 2.5), new Vec3(-40, 12.5, 33), i, j, k);
        SplittableRandom r = new SplittableRandom(oblique ? 1 : 2);
        float[] hu = new float[g.voxelCount()];
        for (int p = 0; p < hu.length; p++) {
            double v = -1000 + 2600 * r.nextDouble();
            hu[p] = (float) (oblique ? v : Math.rint(v));
        }
        return CtVolume.wrap(g, hu, Provenance.synthetic("round-trip", nz));
    }
}
