package dev.ich.dicom.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ich.core.geometry.Affine;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.BinaryMask;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.Provenance;
import dev.ich.dicom.write.ExistingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by NiftiWriter, read by nibabel: the committed files in java_written/ were made by
 * this test ({@code -Dich.regenerate=true}) and their .ref files by
 * tools/reference/make_nifti_reference.py (part 3). The test checks that the writer still produces
 * those exact bytes, and that what nibabel read from them is the intended affine and data.
 */
class NiftiGoldenFilesTest {

    private static final double AFFINE_TOLERANCE = 1e-5;

    @TempDir Path dir;

    private static VolumeGeometry obliqueGrid() {
        return TestGeometries.oblique(6, 5, 4);
    }

    private static VolumeGeometry shearedGrid() {
        return TestGeometries.sheared(5, 6, 3);
    }

    private static float[] fractionalHu(VolumeGeometry g) {
        float[] v = TestGeometries.values(g);
        v[7] = 3000.125f; // stretches the int16 range so the writer must scale
        return v;
    }

    private static BinaryMask mask() {
        VolumeGeometry g = TestGeometries.anisotropic(4, 5, 3);
        BitSet bits = new BitSet();
        for (int n = 0; n < g.voxelCount(); n++) {
            if ((n * 31) % 7 < 3) {
                bits.set(n);
            }
        }
        return BinaryMask.fromBits(g, bits);
    }

    private static void writeAll(Path folder) throws Exception {
        ExistingOutput mode = ExistingOutput.REPLACE;
        VolumeGeometry oblique = obliqueGrid();
        NiftiWriter.builder()
                .existingOutput(mode)
                .build()
                .write(
                        new CtVolume(
                                oblique,
                                TestGeometries.values(oblique),
                                Provenance.synthetic("golden", oblique.nz())),
                        folder.resolve("oblique_f32.nii.gz"));
        NiftiWriter.builder()
                .existingOutput(mode)
                .dataType(NiftiDataType.INT16)
                .build()
                .write(
                        shearedGrid(),
                        fractionalHu(shearedGrid()),
                        folder.resolve("sheared_i16.nii"));
        NiftiWriter.builder()
                .existingOutput(mode)
                .build()
                .write(mask(), folder.resolve("mask_u8.nii.gz"));
    }

    @Test
    void writerOutputIsUnchangedAndNibabelReadsWhatWasMeant() throws Exception {
        if (Boolean.getBoolean("ich.regenerate")) {
            writeAll(Path.of("src/test/resources/dev/ich/dicom/nifti/java_written"));
        }
        writeAll(dir);
        for (String name :
                new String[] {"oblique_f32.nii.gz", "sheared_i16.nii", "mask_u8.nii.gz"}) {
            assertThat(content(dir.resolve(name)))
                    .as(
                            name
                                    + " differs from the committed file; if the change is "
                                    + "intended, rerun with -Dich.regenerate=true and tools/reference/make_nifti_reference.py")
                    .isEqualTo(content(NiftiReference.resource("java_written/" + name)));
        }

        check("oblique_f32", obliqueGrid(), TestGeometries.values(obliqueGrid()), 0);
        NiftiImage sheared = NiftiReader.read(dir.resolve("sheared_i16.nii"));
        check(
                "sheared_i16",
                shearedGrid(),
                fractionalHu(shearedGrid()),
                sheared.sclSlope() / 2 * 1.001);
        check("mask_u8", mask().geometry(), mask().toFloats(), 0);
    }

    private static void check(
            String name, VolumeGeometry g, float[] intended, double valueTolerance)
            throws Exception {
        NiftiReference ref =
                NiftiReference.load(NiftiReference.resource("java_written/" + name + ".ref"));
        assertThat(ref.ints("codes")).containsExactly(1, 1);
        assertThat(
                        Affine.ofRowMajor(ref.doubles("affine"))
                                .approximatelyEquals(g.voxelToRas(), AFFINE_TOLERANCE))
                .as("nibabel's affine of %s", name)
                .isTrue();
        float[] nibabel = ref.floats("data");
        if (valueTolerance == 0) {
            assertThat(nibabel).containsExactly(intended);
        } else {
            for (int n = 0; n < intended.length; n++) {
                assertThat((double) nibabel[n]).isCloseTo(intended[n], within(valueTolerance));
            }
        }
        // nibabel's reading of our qform equals our own reading of it.
        Path file = NiftiReference.resource("java_written/" + ref.text("file"));
        NiftiHeader h = NiftiHeader.parse(headerBytes(file), name);
        Affine ourQform = NiftiGeometry.qformAffine(h, name, new ArrayList<>());
        assertThat(
                        ourQform.approximatelyEquals(
                                Affine.ofRowMajor(ref.doubles("qform")), AFFINE_TOLERANCE))
                .isTrue();
        // And our reader's values are nibabel's, bit for bit.
        assertThat(NiftiReader.read(file).values()).containsExactly(nibabel);
    }

    private static byte[] headerBytes(Path file) throws IOException {
        byte[] all = content(file);
        return java.util.Arrays.copyOf(all, NiftiHeader.SIZE);
    }

    /** Uncompressed content: gzip framing may differ between zlib builds, the payload may not. */
    private static byte[] content(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] all = in.readAllBytes();
            if (all.length > 2 && (all[0] & 0xFF) == 0x1f && (all[1] & 0xFF) == 0x8b) {
                try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(all))) {
                    return gz.readAllBytes();
                }
            }
            return all;
        }
    }
}
