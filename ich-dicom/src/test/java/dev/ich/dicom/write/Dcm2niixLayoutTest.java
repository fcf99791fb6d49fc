package dev.ich.dicom.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.core.geometry.Affine;
import dev.ich.core.volume.CtVolume;
import dev.ich.dicom.nifti.NiftiImage;
import dev.ich.dicom.nifti.NiftiLayout;
import dev.ich.dicom.nifti.NiftiReader;
import dev.ich.dicom.nifti.NiftiWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NiftiWriter with the DCM2NIIX layout writes, for a volume, the same voxels and affine as dcm2niix
 * writes for the DICOM series DicomSeriesWriter made of that volume (dcm2niix output recorded by
 * tools/reference/check_dicom_writer.py).
 */
class Dcm2niixLayoutTest {

    /** dcm2niix stores its affine in float32. */
    private static final double AFFINE_TOLERANCE = 1e-4;

    @TempDir Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "explicit_vr_little_endian",
                "implicit_vr_little_endian",
                "explicit_vr_big_endian",
                "explicit_head_to_feet",
                "explicit_per_slice_intercepts"
            })
    void sameVoxelsAndAffineAsDcm2niix(String name) throws Exception {
        CtVolume volume = ReferenceSeries.all().get(name).getValue();
        WriterReference ref = WriterReference.load(name + ".ref");
        Path file = dir.resolve(name + ".nii.gz");
        NiftiWriter.builder().layout(NiftiLayout.DCM2NIIX).build().write(volume, file);
        NiftiImage ours = NiftiReader.read(file);

        int[] shape = ref.ints("dcm2niix_shape");
        assertThat(new int[] {ours.geometry().nx(), ours.geometry().ny(), ours.geometry().nz()})
                .containsExactly(shape);
        Affine dcm2niix = Affine.ofRowMajor(ref.doubles("dcm2niix_affine"));
        assertThat(ours.voxelToRas().approximatelyEquals(dcm2niix, AFFINE_TOLERANCE))
                .as("ours %s, dcm2niix %s", ours.voxelToRas(), dcm2niix)
                .isTrue();
        double[] data = ref.doubles("dcm2niix_data");
        float[] values = ours.values();
        for (int n = 0; n < data.length; n++) {
            assertThat((double) values[n]).as("voxel %d", n).isEqualTo(data[n]);
        }

        // Our reader on dcm2niix's own file gives nibabel's view of it.
        NiftiImage theirs = NiftiReader.read(WriterReference.resource("dcm2niix/" + name + ".nii"));
        assertThat(theirs.voxelToRas().approximatelyEquals(dcm2niix, 1e-9)).isTrue();
        float[] theirValues = theirs.values();
        for (int n = 0; n < data.length; n++) {
            assertThat((double) theirValues[n]).as("dcm2niix voxel %d", n).isEqualTo(data[n]);
        }
    }
}
