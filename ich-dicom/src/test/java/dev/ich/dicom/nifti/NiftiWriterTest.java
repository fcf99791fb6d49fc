package dev.ich.dicom.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Affine;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.BinaryMask;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.Provenance;
import dev.ich.dicom.write.ExistingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NiftiWriter: header fields against nibabel's for the same affine, and write → read round trips.
 */
class NiftiWriterTest {

    /**
     * Header floats are float32; nibabel and we round the same doubles (after our LPS round trip).
     */
    private static final double HEADER_TOLERANCE = 1e-5;

    /** A geometry survives the float32 header to this many millimetres. */
    private static final double GRID_TOLERANCE_MM = 1e-4;

    @TempDir Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"oblique", "sheared", "anisotropic"})
    void headerAgreesWithNibabelForTheSameAffine(String name) throws Exception {
        NiftiReference ref =
                NiftiReference.load(NiftiReference.resource("writer/" + name + ".ref"));
        int[] shape = ref.ints("shape");
        Affine ras = Affine.ofRowMajor(ref.doubles("affine"));
        VolumeGeometry g =
                VolumeGeometry.fromVoxelToPatient(shape[0], shape[1], shape[2], ras.rasToLps());
        Path file = dir.resolve(name + ".nii");
        NiftiWriter.defaults().write(g, new float[g.voxelCount()], file);

        NiftiHeader h = NiftiHeader.parse(Files.readAllBytes(file), file.toString());
        assertThat(h.sformCode).isEqualTo((short) 1);
        assertThat(h.qformCode).isEqualTo((short) 1);
        assertThat(h.voxOffset).isEqualTo(352f);
        assertThat(h.order).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        double[] sform = ref.doubles("sform");
        for (int n = 0; n < 12; n++) {
            assertThat((double) h.srow[n])
                    .as("srow %d", n)
                    .isCloseTo(sform[n], within(HEADER_TOLERANCE));
        }
        double[] pixdim = ref.doubles("pixdim");
        for (int n = 0; n < 4; n++) {
            assertThat((double) h.pixdim[n])
                    .as("pixdim %d", n)
                    .isCloseTo(pixdim[n], within(HEADER_TOLERANCE));
        }
        Affine ourQform = NiftiGeometry.qformAffine(h, file.toString(), new ArrayList<>());
        assertThat(
                        ourQform.approximatelyEquals(
                                Affine.ofRowMajor(ref.doubles("qform")), HEADER_TOLERANCE))
                .as(
                        "our qform %s vs nibabel's %s",
                        ourQform, Affine.ofRowMajor(ref.doubles("qform")))
                .isTrue();
    }

    static Stream<VolumeGeometry> grids() {
        return Stream.of(
                TestGeometries.oblique(7, 6, 5),
                TestGeometries.sheared(5, 4, 6),
                TestGeometries.anisotropic(3, 8, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.nii", "b.nii.gz"})
    void float32RoundTripKeepsValuesExactlyAndTheGrid(String name) throws IchException {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            for (VolumeGeometry g : grids().toList()) {
                float[] values = TestGeometries.values(g);
                CtVolume volume = new CtVolume(g, values, Provenance.synthetic("test", g.nz()));
                Path file = dir.resolve(order + "-" + g.nx() + name);
                NiftiWriter.builder().byteOrder(order).build().write(volume, file);
                CtVolume back = NiftiReader.readCtVolume(file);
                assertThat(back.huCopy()).containsExactly(values);
                assertThat(back.geometry().sameGrid(g, GRID_TOLERANCE_MM))
                        .as("%s vs %s", back.geometry(), g)
                        .isTrue();
                assertThat(back.geometry().voxelVolumeMm3())
                        .isCloseTo(g.voxelVolumeMm3(), within(1e-4));
            }
        }
    }

    @Test
    void int16KeepsWholeHuExactlyAndQuantisesFractionsWithinHalfASlope() throws IchException {
        VolumeGeometry g = TestGeometries.sheared(6, 5, 4);
        NiftiWriter int16 = NiftiWriter.builder().dataType(NiftiDataType.INT16).build();
        float[] whole = new float[g.voxelCount()];
        for (int n = 0; n < whole.length; n++) {
            whole[n] = (n * 37) % 3000 - 1024;
        }
        int16.write(g, whole, dir.resolve("whole.nii.gz"));
        NiftiImage wholeBack = NiftiReader.read(dir.resolve("whole.nii.gz"));
        assertThat(wholeBack.values()).containsExactly(whole);
        assertThat(wholeBack.dataType()).isEqualTo(NiftiDataType.INT16);
        assertThat(wholeBack.sclSlope()).isEqualTo(1.0);

        float[] fractions = TestGeometries.values(g);
        fractions[3] = 40000.5f; // beyond int16: forces a slope
        int16.write(g, fractions, dir.resolve("fractions.nii"));
        NiftiImage back = NiftiReader.read(dir.resolve("fractions.nii"));
        double halfSlope = back.sclSlope() / 2;
        float min = Float.POSITIVE_INFINITY;
        for (float v : fractions) {
            min = Math.min(min, v);
        }
        assertThat(back.sclSlope()).isCloseTo((40000.5 - min) / 65535, within(1e-6));
        float[] read = back.values();
        for (int n = 0; n < read.length; n++) {
            assertThat((double) read[n]).isCloseTo(fractions[n], within(halfSlope * 1.001 + 1e-3));
        }
    }

    @Test
    void maskRoundTripsAsUint8() throws IchException {
        VolumeGeometry g = TestGeometries.oblique(6, 5, 4);
        BitSet bits = new BitSet();
        for (int n = 0; n < g.voxelCount(); n += 3) {
            bits.set(n);
        }
        BinaryMask mask = BinaryMask.fromBits(g, bits);
        Path file = dir.resolve("mask.nii.gz");
        NiftiWriter.defaults().write(mask, file);
        assertThat(NiftiReader.read(file).dataType()).isEqualTo(NiftiDataType.UINT8);
        BinaryMask back = NiftiReader.readMask(file, g, GRID_TOLERANCE_MM);
        assertThat(back.bits()).isEqualTo(bits);
        assertThatThrownBy(
                        () ->
                                NiftiReader.readMask(
                                        file, TestGeometries.sheared(6, 5, 4), GRID_TOLERANCE_MM))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INCONSISTENT_SERIES));
    }

    @Test
    void refusesToReplaceAnExistingFileUnlessTold() throws Exception {
        VolumeGeometry g = TestGeometries.anisotropic(2, 2, 2);
        Path file = dir.resolve("out.nii.gz");
        Files.writeString(file, "the user's file");
        assertThatThrownBy(() -> NiftiWriter.defaults().write(g, new float[8], file))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_NOT_WRITABLE);
                            assertThat(e.getMessage())
                                    .contains(file.toString())
                                    .contains("already exists");
                        });
        assertThat(Files.readString(file)).isEqualTo("the user's file");

        NiftiWriter.builder()
                .existingOutput(ExistingOutput.REPLACE)
                .build()
                .write(g, new float[8], file);
        assertThat(NiftiReader.read(file).values()).containsExactly(new float[8]);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactly("out.nii.gz"); // no temporaries
        }
    }

    @Test
    void refusesNamesThatAreNotNifti() {
        VolumeGeometry g = TestGeometries.anisotropic(2, 2, 2);
        assertThatThrownBy(
                        () -> NiftiWriter.defaults().write(g, new float[8], dir.resolve("out.img")))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_NOT_WRITABLE));
        assertThatThrownBy(() -> NiftiWriter.builder().dataType(NiftiDataType.FLOAT64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FLOAT64");
    }

    @Test
    void gzipOutputIsAValidGzipStreamHoldingTheHeader() throws Exception {
        VolumeGeometry g = TestGeometries.oblique(3, 3, 3);
        Path file = dir.resolve("z.nii.gz");
        NiftiWriter.defaults().write(g, new float[27], file);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            byte[] all = in.readAllBytes();
            assertThat(all).hasSize(352 + 27 * 4);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
