package dev.ich.batch;

import dev.ich.core.analysis.batch.BatchStudy;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The studies of a batch and the columns they carry, from what a user names: study paths, the
 * entries of a folder of studies, or a manifest CSV with a {@code study} column (relative paths are
 * resolved against the manifest's folder; its other columns are carried to the results).
 *
 * @param studies the studies, in order, each key once
 * @param carried the names of the columns every study carries
 */
public record StudyList(List<BatchStudy> studies, List<String> carried) {

    public StudyList {
        studies = List.copyOf(studies);
        carried = List.copyOf(carried);
    }

    /**
     * The studies that {@code paths} name: a single {@code .csv} file is a manifest, anything else
     * is one study per path (a folder is one study, as the reader sees it; {@link #folder} takes
     * each of its entries instead).
     *
     * @throws IchException {@link ErrorCode#INVALID_TABLE} for a malformed manifest or a study
     *     named twice, {@link ErrorCode#FILE_NOT_FOUND} for a manifest that is missing
     */
    public static StudyList of(List<Path> paths) throws IchException {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no study paths given");
        }
        if (paths.size() == 1 && isManifest(paths.get(0))) {
            return manifest(paths.get(0));
        }
        List<BatchStudy> studies = new ArrayList<>();
        for (Path p : paths) {
            studies.add(BatchStudy.of(p));
        }
        requireUnique(studies, "the command line");
        return new StudyList(studies, List.of());
    }

    /** Whether {@code path} is a file named {@code *.csv}. */
    public static boolean isManifest(Path path) {
        return Files.isRegularFile(path) && name(path).toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /**
     * Each entry of {@code dir} (a study folder, a DICOM file or a NIfTI file) is a study, in name
     * order; hidden entries are skipped. An entry that is not a study becomes an error row.
     */
    public static StudyList folder(Path dir) throws IchException {
        try {
            List<BatchStudy> studies = new ArrayList<>();
            for (Path p : entries(dir)) {
                studies.add(BatchStudy.of(p));
            }
            if (studies.isEmpty()) {
                throw new IchException(
                        ErrorCode.NO_SERIES,
                        dir.toString(),
                        "the folder holds no study",
                        "Give a folder whose sub-folders or files are the studies");
            }
            return new StudyList(studies, List.of());
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw new IchException(
                    ErrorCode.FILE_NOT_FOUND,
                    dir.toString(),
                    "is not a folder",
                    "Check the path",
                    e);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.IO_ERROR,
                    dir.toString(),
                    "the folder cannot be listed (" + e.getMessage() + ")",
                    "Check its permissions",
                    e);
        }
    }

    /** The studies of a manifest CSV: a {@code study} column and any others, carried through. */
    public static StudyList manifest(Path csv) throws IchException {
        String source = csv.toString();
        List<List<String>> records = CsvRows.parse(text(csv), source);
        if (records.isEmpty()) {
            throw new IchException(
                    ErrorCode.INVALID_TABLE,
                    source,
                    "the manifest is empty",
                    "Give a header line with a 'study' column and one line per study");
        }
        List<String> header = records.get(0);
        int study = header.indexOf(ResultSchema.STUDY);
        if (study < 0 || new HashSet<>(header).size() != header.size() || header.contains(null)) {
            throw new IchException(
                    ErrorCode.INVALID_TABLE,
                    source,
                    "the header " + header + " has no 'study' column, or an empty or repeated name",
                    "Name each column once, one of them 'study'");
        }
        List<String> carried = new ArrayList<>(header);
        carried.remove(study);
        Path base = csv.toAbsolutePath().getParent();
        List<BatchStudy> studies = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> row = records.get(r);
            String where = "row " + (r + 1) + " of " + source;
            if (row.size() != header.size()) {
                throw new IchException(
                        ErrorCode.INVALID_TABLE,
                        where,
                        "has " + row.size() + " fields where the header has " + header.size(),
                        "Give every row as many fields as the header");
            }
            String key = row.get(study);
            if (key == null || key.isBlank()) {
                throw new IchException(
                        ErrorCode.INVALID_TABLE,
                        where,
                        "has no study path",
                        "Fill in its 'study' column");
            }
            Map<String, String> columns = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                if (c != study) {
                    columns.put(header.get(c), row.get(c));
                }
            }
            studies.add(new BatchStudy(key, base.resolve(key).normalize(), columns));
        }
        requireUnique(studies, source);
        return new StudyList(studies, carried);
    }

    private static String text(Path csv) throws IchException {
        try {
            String text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(csv)))
                            .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (NoSuchFileException e) {
            throw new IchException(
                    ErrorCode.FILE_NOT_FOUND,
                    csv.toString(),
                    "the file does not exist",
                    "Check the path",
                    e);
        } catch (CharacterCodingException e) {
            throw new IchException(
                    ErrorCode.INVALID_TABLE,
                    csv.toString(),
                    "the file is not UTF-8 text",
                    "Save the manifest as UTF-8 CSV",
                    e);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.IO_ERROR,
                    csv.toString(),
                    "the file cannot be read (" + e.getMessage() + ")",
                    "Check that it is a readable file",
                    e);
        }
    }

    private static void requireUnique(List<BatchStudy> studies, String source) throws IchException {
        Set<String> keys = new HashSet<>();
        for (BatchStudy s : studies) {
            if (!keys.add(s.key())) {
                throw new IchException(
                        ErrorCode.INVALID_TABLE,
                        source,
                        "names the study '" + s.key() + "' twice",
                        "Name each study once: its row in the results is found by that name");
            }
        }
    }

    private static List<Path> entries(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> !name(p).startsWith(".")).sorted().toList();
        }
    }

    private static String name(Path p) {
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }
}
