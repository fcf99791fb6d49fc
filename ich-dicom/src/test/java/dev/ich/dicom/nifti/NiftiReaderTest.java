package dev.ich.dicom.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Affine;
import dev.ich.core.geometry.Vec3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NiftiReader against nibabel's view of files in every data type, byte order and form (see the .ref
 * files).
 */
class NiftiReaderTest {

    /**
     * Affines: nibabel's float64 products of float32 header fields; ours are computed the same way.
     */
    private static final double AFFINE_TOLERANCE = 1e-5;

    static Stream<String> references() throws IOException {
        try (Stream<Path> files = Files.list(NiftiReference.resource("reference"))) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".ref"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void readsWhatNibabelReads(String refName) throws IchException {
        Path refPath = NiftiReference.resource("reference/" + refName);
        NiftiReference ref = NiftiReference.load(refPath);
        NiftiImage image = NiftiReader.read(refPath.resolveSibling(ref.text("file")));

        int[] shape = ref.ints("shape");
        assertThat(new int[] {image.geometry().nx(), image.geometry().ny(), image.geometry().nz()})
                .containsExactly(shape);
        assertThat(image.dataType().name()).isEqualToIgnoringCase(ref.text("dtype"));
        assertThat(image.affineSource().name()).isEqualTo(ref.text("source"));
        assertThat(new double[] {image.sclSlope(), image.sclInter()})
                .containsExactly(ref.doubles("slope_inter"));
        // Data must be bit-identical, scaling included.
        assertThat(image.values()).containsExactly(ref.floats("data"));

        Affine nibabel = Affine.ofRowMajor(ref.doubles("affine"));
        assertThat(image.voxelToRas().approximatelyEquals(nibabel, AFFINE_TOLERANCE))
                .as("%s vs nibabel %s", image.voxelToRas(), nibabel)
                .isTrue();
        // LPS in memory: the geometry maps a voxel to nibabel's RAS point with x and y negated.
        Vec3 ras = nibabel.apply(shape[0] - 1, 1, shape[2] - 1);
        Vec3 lps = image.geometry().voxelToPatient().apply(shape[0] - 1, 1, shape[2] - 1);
        assertThat(lps.x())
                .isCloseTo(-ras.x(), org.assertj.core.data.Offset.offset(AFFINE_TOLERANCE));
        assertThat(lps.y())
                .isCloseTo(-ras.y(), org.assertj.core.data.Offset.offset(AFFINE_TOLERANCE));
        assertThat(lps.z())
                .isCloseTo(ras.z(), org.assertj.core.data.Offset.offset(AFFINE_TOLERANCE));
        assertThat(image.geometry().voxelToRas().approximatelyEquals(nibabel, AFFINE_TOLERANCE))
                .isTrue();

        boolean guessed = image.affineSource() == AffineSource.PIXDIM_ONLY;
        boolean repairedQfac = refName.contains("qfac_bad") || refName.contains("negative_pixdim");
        assertThat(image.warnings()).hasSize(guessed || repairedQfac ? 1 : 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void studyReaderGivesTheSameVoxelsWithoutTheFileName(String refName) throws IchException {
        Path refPath = NiftiReference.resource("reference/" + refName);
        NiftiReference ref = NiftiReference.load(refPath);
        Path file = refPath.resolveSibling(ref.text("file"));
        var volume = new NiftiStudyReader().read(file);
        assertThat(volume.huCopy()).containsExactly(ref.floats("data"));
        assertThat(volume.provenance().seriesInstanceUid()).isEqualTo("nifti");
        assertThat(volume.provenance().toString()).doesNotContain(ref.text("file"));
        assertThatThrownBy(() -> new NiftiStudyReader().read(file.resolveSibling(refName)))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_NIFTI));
    }
}
