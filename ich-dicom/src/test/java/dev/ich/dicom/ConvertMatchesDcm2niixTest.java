package dev.ich.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.ich.core.geometry.Affine;
import dev.ich.core.volume.CtVolume;
import dev.ich.dicom.nifti.NiftiImage;
import dev.ich.dicom.nifti.NiftiReader;
import dev.ich.dicom.nifti.NiftiWriter;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code ich convert} writes (read DICOM → dcm2niix layout → NIfTI) has the voxel array and
 * affine of dcm2niix's own output, for every corpus series dcm2niix converts.
 */
class ConvertMatchesDcm2niixTest {

    static final double AFFINE_TOLERANCE_MM = 1e-4;

    /** dcm2niix stores HU through float32 scaling. */
    static final double HU_TOLERANCE = 1e-3;

    static Stream<String> cases() throws Exception {
        return CorpusTest.cases().filter(c -> Reference.exists(c, "dcm2niix"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameArrayAndAffineAsDcm2niix(String name, @TempDir Path tmp) throws Exception {
        JsonObject expect = Reference.expectation(name);
        CtVolume v = DicomStudyReader.create().read(Reference.CORPUS.resolve(name));
        Path out = tmp.resolve(name + ".nii.gz");
        NiftiWriter.defaults().write(Dcm2niixLayout.of(v), out);
        NiftiImage written = NiftiReader.read(out);

        Reference ref = Reference.load(name, "dcm2niix");
        // The reference is stored in DICOM order; dcm2niix's own file has the rows reversed.
        double[] lps = ref.affine.clone();
        for (int r = 0; r < 3; r++) {
            lps[r * 4 + 3] += lps[r * 4 + 1] * (ref.ny - 1);
            lps[r * 4 + 1] = -lps[r * 4 + 1];
        }
        Affine dcm2niixRas = Affine.ofRowMajor(lps).lpsToRas();
        double[] got = written.voxelToRas().toRowMajor4x4();
        double[] want = dcm2niixRas.toRowMajor4x4();
        for (int i = 0; i < 12; i++) {
            assertThat(got[i])
                    .as("sform element %d", i)
                    .isCloseTo(want[i], Offset.offset(AFFINE_TOLERANCE_MM));
        }
        if (!expect.get("dcm2niixHu").getAsBoolean()) {
            return; // dcm2niix is known to differ from the standard here (see dcm2niixNote)
        }
        float[] values = written.values();
        double tolerance = Math.max(HU_TOLERANCE, expect.get("tolerance").getAsDouble());
        int plane = ref.nx * ref.ny;
        for (int k = 0; k < ref.nz; k++) {
            for (int j = 0; j < ref.ny; j++) {
                for (int i = 0; i < ref.nx; i++) {
                    float dcm2niix = ref.hu[k * plane + (ref.ny - 1 - j) * ref.nx + i];
                    assertThat((double) values[k * plane + j * ref.nx + i])
                            .as("voxel %d %d %d", i, j, k)
                            .isCloseTo(dcm2niix, Offset.offset(tolerance));
                }
            }
        }
    }
}
