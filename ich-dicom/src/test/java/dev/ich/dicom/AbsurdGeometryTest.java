package dev.ich.dicom;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.Provenance;
import dev.ich.dicom.nifti.NiftiReader;
import dev.ich.dicom.nifti.NiftiWriter;
import dev.ich.dicom.write.DicomSeriesWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Voxel spacings no head CT has are refused at read time, naming the file: a tiny one would make
 * the morphology of the classical estimators allocate without bound, a huge one gives volumes of
 * 1e89 ml or infinity.
 */
class AbsurdGeometryTest {

    @TempDir Path dir;

    private static CtVolume volume(double pixelMm, double sliceMm) {
        VolumeGeometry g =
                VolumeGeometry.axial(
                        16, 16, 3, new Vec3(pixelMm, pixelMm, sliceMm), new Vec3(0, 0, 0));
        return new CtVolume(g, new float[g.voxelCount()], Provenance.synthetic("absurd", 3));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-30, 0.001, 1e30, 1e200})
    void aDicomSeriesWithAnAbsurdPixelSpacingIsRefusedNamingAFile(double pixelMm) throws Exception {
        Path folder = dir.resolve("series");
        DicomSeriesWriter.builder().build().write(volume(pixelMm, 2), folder);
        assertThatThrownBy(() -> DicomStudyReader.create().read(folder))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e ->
                                org.assertj.core.api.Assertions.assertThat(e.code())
                                        .isEqualTo(ErrorCode.MISSING_OR_INVALID_ATTRIBUTE))
                .hasMessageContaining(".dcm")
                .hasMessageContaining("spacing")
                .hasMessageContaining("PixelSpacing");
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-6, 500})
    void aDicomSeriesWithAnAbsurdSliceGapIsRefused(double sliceMm) throws Exception {
        Path folder = dir.resolve("series");
        DicomSeriesWriter.builder().build().write(volume(0.5, sliceMm), folder);
        assertThatThrownBy(() -> DicomStudyReader.create().read(folder))
                .isInstanceOf(IchException.class)
                .hasMessageContaining("slice (z) spacing");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.001, 1e-4, 1e6})
    void aNiftiFileWithAnAbsurdVoxelSizeIsRefusedNamingTheFile(double pixelMm) throws Exception {
        Path file = dir.resolve("tiny.nii.gz");
        NiftiWriter.defaults().write(volume(pixelMm, 1), file);
        assertThatThrownBy(() -> NiftiReader.read(file))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e ->
                                org.assertj.core.api.Assertions.assertThat(e.code())
                                        .isEqualTo(ErrorCode.INVALID_NIFTI))
                .hasMessageContaining("tiny.nii.gz")
                .hasMessageContaining("spacing");
    }

    /**
     * A geometry no NIfTI header holds (only an API caller can still make one): a one-line error
     * naming the output, and no file, instead of "singular direction matrix" or a header of
     * infinities.
     */
    @ParameterizedTest
    @ValueSource(doubles = {1e39, 1e200})
    void aGeometryBeyondANiftiHeaderIsRefusedNamingTheOutput(double pixelMm) {
        for (NiftiWriter writer :
                new NiftiWriter[] {
                    NiftiWriter.defaults(),
                    NiftiWriter.builder().layout(dev.ich.dicom.nifti.NiftiLayout.DCM2NIIX).build()
                }) {
            Path file = dir.resolve("huge.nii.gz");
            assertThatThrownBy(() -> writer.write(volume(pixelMm, 1), file))
                    .isInstanceOfSatisfying(
                            IchException.class,
                            e ->
                                    org.assertj.core.api.Assertions.assertThat(e.code())
                                            .isEqualTo(ErrorCode.INVALID_VOLUME))
                    .hasMessageContaining("huge.nii.gz")
                    .hasMessageContaining("geometry");
            org.assertj.core.api.Assertions.assertThat(file).doesNotExist();
        }
    }
}
