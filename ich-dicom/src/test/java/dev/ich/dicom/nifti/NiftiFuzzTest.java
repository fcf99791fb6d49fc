package dev.ich.dicom.nifti;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ich.dicom.FuzzContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the NIfTI-1 reader: the input is an uncompressed {@code .nii} file, read as it is and,
 * gzip compressed, as a {@code .nii.gz}, each both as a CT volume and as a mask.
 */
class NiftiFuzzTest {

    @TempDir static Path tmp;

    @FuzzTest
    void read(byte[] nii) {
        Path plain = FuzzContract.write(tmp.resolve("fuzz.nii"), nii);
        Path gz = FuzzContract.write(tmp.resolve("fuzz.nii.gz"), gzip(nii));
        for (Path file : new Path[] {plain, gz}) {
            FuzzContract.resultOrIchException(() -> NiftiReader.readCtVolume(file));
            FuzzContract.resultOrIchException(() -> NiftiReader.readMask(file));
        }
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
