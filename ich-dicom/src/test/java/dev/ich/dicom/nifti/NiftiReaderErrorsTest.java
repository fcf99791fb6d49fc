package dev.ich.dicom.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.VolumeGeometry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every broken file gives an IchException with a code and the file's name, never another throwable.
 */
class NiftiReaderErrorsTest {

    private static final int MUTATIONS = 1000;

    @TempDir Path dir;

    private byte[] valid;

    @BeforeEach
    void writeValidFile() throws Exception {
        VolumeGeometry g = TestGeometries.oblique(4, 3, 2);
        Path file = dir.resolve("valid.nii");
        NiftiWriter.defaults().write(g, TestGeometries.values(g), file);
        valid = Files.readAllBytes(file);
    }

    private Path withHeader(String name, Consumer<ByteBuffer> edit) throws IOException {
        byte[] bytes = valid.clone();
        edit.accept(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
        return write(name, bytes);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        if (name.endsWith(".gz")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(bytes);
            }
            bytes = out.toByteArray();
        }
        Files.write(file, bytes);
        return file;
    }

    private static void assertFails(Path file, ErrorCode code, String... phrases) {
        assertThatThrownBy(() -> NiftiReader.read(file))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(code);
                            assertThat(e.getMessage()).startsWith(file.toString() + ": ");
                            for (String p : phrases) {
                                assertThat(e.getMessage()).contains(p);
                            }
                        });
    }

    /**
     * A gzip file of about 2 MB that really holds 1024³ int16 voxels of zeros (deflate's ratio is
     * about 1000:1): refused from its header, before the 2 GB of raw bytes and the 4 GB of floats
     * are allocated.
     */
    @Test
    @Timeout(120)
    void aGzipBombDeclaringAGigavoxelIsRefusedBeforeAllocating() throws IOException {
        byte[] header = Arrays.copyOf(valid, NiftiHeader.MIN_VOX_OFFSET);
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        h.putShort(42, (short) 1024).putShort(44, (short) 1024).putShort(46, (short) 1024);
        h.putShort(70, (short) 4).putShort(72, (short) 16); // datatype int16, 16 bits
        Path file = dir.resolve("bomb.nii.gz");
        try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            gz.write(header);
            byte[] zeros = new byte[1 << 20];
            for (int mb = 0; mb < 2048; mb++) {
                gz.write(zeros);
            }
        }
        assertThat(Files.size(file)).isLessThan(3L << 20);
        assertFails(
                file,
                ErrorCode.IMPLAUSIBLE_LENGTH,
                "1024 × 1024 × 1024",
                "more than a head CT has");
    }

    @Test
    void truncatedFiles() throws IOException {
        assertFails(
                write("short.nii", Arrays.copyOf(valid, 200)),
                ErrorCode.TRUNCATED_FILE,
                "348-byte");
        assertFails(
                write("cut.nii", Arrays.copyOf(valid, valid.length - 5)),
                ErrorCode.TRUNCATED_FILE,
                "announces 96 bytes");
        assertFails(
                write("cut.nii.gz", Arrays.copyOf(valid, valid.length - 5)),
                ErrorCode.TRUNCATED_FILE,
                "ends after 22 of 24 voxels");
        byte[] gz = Files.readAllBytes(write("whole.nii.gz", valid));
        Path cutGzip = write("cutstream.nii.gz.raw", Arrays.copyOf(gz, gz.length - 20));
        assertThatThrownBy(() -> NiftiReader.read(cutGzip))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e ->
                                assertThat(e.code())
                                        .isIn(ErrorCode.TRUNCATED_FILE, ErrorCode.CORRUPT_DATA));
    }

    @Test
    void notNiftiOne() throws IOException {
        assertFails(
                withHeader("size.nii", b -> b.putInt(0, 349)), ErrorCode.INVALID_NIFTI, "not 348");
        assertFails(
                withHeader("two.nii", b -> b.putInt(0, 540)),
                ErrorCode.UNSUPPORTED_ENCODING,
                "NIfTI-2");
        assertFails(
                withHeader("pair.nii", b -> b.put(345, (byte) 'i')),
                ErrorCode.UNSUPPORTED_ENCODING,
                ".hdr/.img");
        assertFails(
                withHeader("magic.nii", b -> b.put(344, (byte) 'x')),
                ErrorCode.INVALID_NIFTI,
                "magic");
        assertFails(dir.resolve("missing.nii"), ErrorCode.FILE_NOT_FOUND);
        assertFails(dir, ErrorCode.INVALID_NIFTI, "folder");
    }

    @Test
    void dimensionsAndTypes() throws IOException {
        assertFails(
                withHeader("4d.nii", b -> b.putShort(40, (short) 4).putShort(48, (short) 3)),
                ErrorCode.INVALID_NIFTI,
                "3 volumes",
                "fslroi");
        assertFails(
                withHeader("rank.nii", b -> b.putShort(40, (short) 9)),
                ErrorCode.INVALID_NIFTI,
                "dim[0]");
        assertFails(
                withHeader("zero.nii", b -> b.putShort(44, (short) 0)),
                ErrorCode.IMPLAUSIBLE_LENGTH,
                "dim[2]");
        assertFails(
                withHeader(
                        "huge.nii",
                        b ->
                                b.putShort(42, (short) 30000)
                                        .putShort(44, (short) 30000)
                                        .putShort(46, (short) 30000)),
                ErrorCode.IMPLAUSIBLE_LENGTH,
                "voxels");
        // 2·10⁹ voxels: more than a head CT has, refused from the header alone.
        assertFails(
                withHeader(
                        "big.nii.gz",
                        b ->
                                b.putShort(42, (short) 2000)
                                        .putShort(44, (short) 2000)
                                        .putShort(46, (short) 500)),
                ErrorCode.IMPLAUSIBLE_LENGTH,
                "2000000000 voxels",
                "more than a head CT has");
        // 10⁸ voxels announced by a file of a few hundred bytes: refused before any big allocation.
        assertFails(
                withHeader(
                        "big.nii.gz",
                        b ->
                                b.putShort(42, (short) 1000)
                                        .putShort(44, (short) 1000)
                                        .putShort(46, (short) 100)),
                ErrorCode.TRUNCATED_FILE,
                "of 100000000 voxels");
        assertFails(
                withHeader(
                        "big.nii",
                        b ->
                                b.putShort(42, (short) 1000)
                                        .putShort(44, (short) 1000)
                                        .putShort(46, (short) 100)),
                ErrorCode.TRUNCATED_FILE,
                "400000000 bytes");
        assertFails(
                withHeader("complex.nii", b -> b.putShort(70, (short) 32)),
                ErrorCode.UNSUPPORTED_ENCODING,
                "code 32");
        assertFails(
                withHeader("offset.nii", b -> b.putFloat(108, 0)),
                ErrorCode.INVALID_NIFTI,
                "vox_offset");
        assertFails(
                withHeader("offset2.nii", b -> b.putFloat(108, 352.5f)),
                ErrorCode.INVALID_NIFTI,
                "vox_offset");
    }

    @Test
    void geometryAndScaling() throws IOException {
        assertFails(
                withHeader(
                        "sform.nii",
                        b -> {
                            for (int n = 0; n < 12; n++) {
                                b.putFloat(280 + 4 * n, 0);
                            }
                        }),
                ErrorCode.INVALID_NIFTI,
                "sform",
                "singular");
        assertFails(
                withHeader("nan.nii", b -> b.putFloat(280, Float.NaN)),
                ErrorCode.INVALID_NIFTI,
                "sform");
        assertFails(
                withHeader(
                        "quat.nii",
                        b -> b.putShort(254, (short) 0).putFloat(256, 0.9f).putFloat(260, 0.9f)),
                ErrorCode.INVALID_NIFTI,
                "quaternion");
        assertFails(
                withHeader("pixdim.nii", b -> b.putShort(254, (short) 0).putFloat(84, 0)),
                ErrorCode.INVALID_NIFTI,
                "pixdim[2]");
        assertFails(
                withHeader(
                        "inter.nii",
                        b -> b.putFloat(112, 2).putFloat(116, Float.POSITIVE_INFINITY)),
                ErrorCode.INVALID_NIFTI,
                "scl_inter");
    }

    @Test
    void negativeVoxelSizeIsRepairedAsNibabelDoes() throws Exception {
        Path negative =
                withHeader("negative.nii", b -> b.putShort(254, (short) 0).putFloat(84, -0.9f));
        Path positive = withHeader("positive.nii", b -> b.putShort(254, (short) 0));
        NiftiImage repaired = NiftiReader.read(negative);
        assertThat(repaired.affineSource()).isEqualTo(AffineSource.QFORM);
        assertThat(repaired.voxelToRas()).isEqualTo(NiftiReader.read(positive).voxelToRas());
        assertThat(repaired.warnings()).singleElement().asString().contains("pixdim[2]");
    }

    @Test
    void ctAndMaskValues() throws Exception {
        byte[] nan = valid.clone();
        ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(352 + 4 * 5, Float.NaN);
        Path nanFile = write("nan-voxel.nii", nan);
        assertThatThrownBy(() -> NiftiReader.readCtVolume(nanFile))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_DATA);
                            assertThat(e.getMessage()).contains("voxel (1, 1, 0) is NaN");
                        });
        Path map = withHeader("map.nii", b -> {});
        assertThatThrownBy(() -> NiftiReader.readMask(map))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_NIFTI);
                            assertThat(e.getMessage()).contains("whole numbers");
                        });
    }

    /** Seeded corruption of a valid file: flipped bytes, truncation, garbage lengths. */
    @Test
    void mutatedFilesOnlyEverThrowIchException() throws IOException {
        Random random = new Random(20230406);
        Path file = dir.resolve("mutant.nii");
        Path gzFile = dir.resolve("mutant.nii.gz");
        int failures = 0;
        for (int round = 0; round < MUTATIONS; round++) {
            byte[] bytes = valid.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(random.nextBoolean() ? 352 : bytes.length);
                bytes[at] = (byte) random.nextInt(256);
            }
            if (random.nextInt(4) == 0) {
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            Path target = random.nextInt(3) == 0 ? gzFile : file;
            Files.deleteIfExists(target);
            write(target.getFileName().toString(), bytes);
            try {
                NiftiReader.read(target);
            } catch (IchException expected) {
                failures++;
            } catch (RuntimeException | Error other) {
                fail("mutation round " + round + " threw " + other, other);
            }
        }
        assertThat(failures).isGreaterThan(MUTATIONS / 10);
    }
}
