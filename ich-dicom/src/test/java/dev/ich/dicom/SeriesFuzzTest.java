package dev.ich.dicom;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes series assembly: the input is split at {@link #SEPARATOR} into a few files of one folder,
 * which is then inspected ({@code ich info}) and read as a study (series choice, sorting, spacing
 * checks, decoding). Seeds are slices of corpus series joined with the separator.
 */
class SeriesFuzzTest {

    /** Marks the start of the next file in a fuzz input. */
    static final byte[] SEPARATOR = "--ich-fuzz-next-file--".getBytes(StandardCharsets.US_ASCII);

    /** More files add time per input, not new code paths. */
    static final int MAX_FILES = 8;

    @TempDir static Path tmp;

    @FuzzTest
    void readFolder(byte[] data) {
        Path folder = emptyFolder(tmp.resolve("study"));
        List<byte[]> files = split(data);
        for (int i = 0; i < files.size(); i++) {
            FuzzContract.write(folder.resolve("f" + i + ".dcm"), files.get(i));
        }
        FuzzContract.resultOrIchException(() -> DicomInspector.inspect(folder));
        FuzzContract.resultOrIchException(
                () -> DicomStudyReader.builder().decodeThreads(2).build().read(folder));
    }

    static List<byte[]> split(byte[] data) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        int at;
        while (parts.size() < MAX_FILES - 1 && (at = indexOfSeparator(data, start)) >= 0) {
            parts.add(Arrays.copyOfRange(data, start, at));
            start = at + SEPARATOR.length;
        }
        parts.add(Arrays.copyOfRange(data, start, data.length));
        return parts;
    }

    private static int indexOfSeparator(byte[] data, int from) {
        for (int i = from; i + SEPARATOR.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + SEPARATOR.length, SEPARATOR, 0, SEPARATOR.length)) {
                return i;
            }
        }
        return -1;
    }

    private static Path emptyFolder(Path folder) {
        try {
            Files.createDirectories(folder);
            try (Stream<Path> old = Files.list(folder)) {
                for (Path p : (Iterable<Path>) old::iterator) {
                    Files.delete(p);
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("the fuzz harness cannot prepare " + folder, e);
        }
    }
}
