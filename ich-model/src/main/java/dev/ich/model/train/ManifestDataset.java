package dev.ich.model.train;

import dev.ich.core.analysis.Outcome;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.io.StudyReader;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.core.volume.CtVolume;
import dev.ich.model.internal.Sha256;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training data listed in a CSV manifest whose header starts {@code study,volume_ml,outcome[,mask]}
 * (paths relative to the manifest's folder; outcome {@code 0}/{@code 1} or {@code survived}/{@code
 * died}). Each study is read with the given {@link StudyReader}, preprocessed with the {@link
 * InputPreparer}, and cached in {@code cacheDirectory} under a key made of the preparer's
 * fingerprint and the study's path, size and modification time, so a second run skips the reading
 * and preprocessing, and a changed configuration or study is prepared again.
 */
public final class ManifestDataset {

    private static final Logger LOG = LoggerFactory.getLogger(ManifestDataset.class);
    private static final int CACHE_MAGIC = 0x49434849; // "ICHI"

    private ManifestDataset() {}

    /** Parses and checks the manifest (every study and mask must exist). */
    public static List<ManifestRow> readRows(Path manifest) throws IchException {
        List<String> lines;
        try {
            lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IchException(
                    ErrorCode.FILE_NOT_FOUND,
                    manifest.toString(),
                    "the manifest does not exist",
                    "Check the path",
                    e);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.IO_ERROR,
                    manifest.toString(),
                    "cannot be read (" + e.getMessage() + ")",
                    "Check the permissions",
                    e);
        }
        String name = manifest.getFileName().toString();
        if (lines.isEmpty()) {
            throw table(
                    name,
                    1,
                    "the file is empty; it needs the header study,volume_ml,outcome[,mask]");
        }
        List<String> header = split(lines.get(0).replace("\uFEFF", ""));
        // Further columns (e.g. the raters of 'ich phantoms') are allowed and ignored.
        boolean hasMask = header.size() >= 4 && header.get(3).equals("mask");
        if (header.size() < 3
                || !header.subList(0, 3).equals(List.of("study", "volume_ml", "outcome"))) {
            throw table(
                    name,
                    1,
                    "the header is "
                            + header
                            + " but must start with study,volume_ml,outcome "
                            + "(optionally followed by mask and further columns)");
        }
        Path base = manifest.toAbsolutePath().getParent();
        List<ManifestRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            int line = i + 1;
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> cells = split(lines.get(i));
            if (cells.size() != header.size()
                    && !(hasMask && header.size() == 4 && cells.size() == 3)) {
                throw table(
                        name,
                        line,
                        "has " + cells.size() + " fields but the header has " + header.size());
            }
            Path study = base.resolve(cells.get(0)).normalize();
            if (cells.get(0).isEmpty() || !Files.exists(study)) {
                throw new IchException(
                        ErrorCode.FILE_NOT_FOUND,
                        "row " + line + " of " + name,
                        "the study '"
                                + cells.get(0)
                                + "' does not exist (looked for "
                                + study
                                + ")",
                        "Fix the path (relative to the manifest's folder) or remove the row");
            }
            double volume;
            try {
                volume = Double.parseDouble(cells.get(1));
            } catch (NumberFormatException e) {
                throw table(name, line, "volume_ml '" + cells.get(1) + "' is not a number");
            }
            if (!(volume >= 0) || Double.isInfinite(volume)) {
                throw table(
                        name, line, "volume_ml " + cells.get(1) + " must be a finite number >= 0");
            }
            Outcome outcome = parseOutcome(cells.get(2), name, line);
            Optional<Path> mask = Optional.empty();
            if (hasMask && cells.size() == 4 && !cells.get(3).isEmpty()) {
                Path m = base.resolve(cells.get(3)).normalize();
                if (!Files.exists(m)) {
                    throw new IchException(
                            ErrorCode.FILE_NOT_FOUND,
                            "row " + line + " of " + name,
                            "the mask '" + cells.get(3) + "' does not exist (looked for " + m + ")",
                            "Fix the path or leave the mask field empty");
                }
                mask = Optional.of(m);
            }
            rows.add(new ManifestRow(line, study, volume, outcome, mask));
        }
        if (rows.isEmpty()) {
            throw table(name, 2, "the manifest lists no studies");
        }
        return rows;
    }

    /**
     * Reads, preprocesses (or takes from the cache) every study of the manifest.
     *
     * @param cacheDirectory where prepared inputs are kept (created when missing)
     */
    public static List<TrainingExample> load(
            Path manifest, StudyReader reader, InputPreparer preparer, Path cacheDirectory)
            throws IchException {
        List<ManifestRow> rows = readRows(manifest);
        String name = manifest.getFileName().toString();
        List<TrainingExample> examples = new ArrayList<>();
        for (ManifestRow row : rows) {
            ModelInput input = cached(row, preparer, cacheDirectory, name, reader);
            examples.add(new TrainingExample(input, row.volumeMl(), row.outcome()));
        }
        return examples;
    }

    private static ModelInput cached(
            ManifestRow row,
            InputPreparer preparer,
            Path cacheDir,
            String manifestName,
            StudyReader reader)
            throws IchException {
        Path file;
        try {
            file = cacheDir.resolve(cacheKey(row.study(), preparer.fingerprint()) + ".input");
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.IO_ERROR,
                    "row " + row.line() + " of " + manifestName,
                    "the study cannot be listed (" + e.getMessage() + ")",
                    "Check the permissions",
                    e);
        }
        if (Files.isRegularFile(file)) {
            try {
                return readCache(file);
            } catch (IOException e) {
                LOG.warn(
                        "Cached input {} is unreadable ({}); preparing the study again",
                        file,
                        e.getMessage());
            }
        }
        ModelInput input;
        try {
            CtVolume volume = reader.read(row.study());
            input = preparer.prepare(volume);
        } catch (IchException e) {
            throw new IchException(
                    e.code(),
                    "row " + row.line() + " of " + manifestName + " (" + e.source() + ")",
                    e.problem(),
                    e.remedy(),
                    e);
        }
        try {
            writeCache(file, input);
        } catch (IOException e) {
            LOG.warn(
                    "Cannot cache the prepared input in {} ({}); continuing without the cache",
                    file,
                    e.getMessage());
        }
        return input;
    }

    /**
     * The study's identity (path, sizes and times of its files) plus the preprocessing fingerprint.
     */
    static String cacheKey(Path study, String fingerprint) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        digest.update(fingerprint.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(
                study.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.isDirectory(study) ? Files.walk(study) : Stream.of(study)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String stamp =
                        "|"
                                + f.getFileName()
                                + ":"
                                + Files.size(f)
                                + ":"
                                + Files.getLastModifiedTime(f).toMillis();
                digest.update(stamp.getBytes(StandardCharsets.UTF_8));
            }
        }
        return Sha256.hex(digest);
    }

    private static ModelInput readCache(Path file) throws IOException {
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != CACHE_MAGIC) {
                throw new IOException("not a cached input");
            }
            int d = in.readInt();
            int h = in.readInt();
            int w = in.readInt();
            long n = (long) d * h * w;
            if (d < 1 || h < 1 || w < 1 || n * 4 + 16 != Files.size(file)) {
                throw new IOException("the size does not match the header");
            }
            float[] values = new float[(int) n];
            for (int i = 0; i < values.length; i++) {
                values[i] = in.readFloat();
            }
            return new ModelInput(d, h, w, values);
        }
    }

    private static void writeCache(Path file, ModelInput input) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp-" + System.nanoTime());
        try {
            try (DataOutputStream out =
                    new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)))) {
                out.writeInt(CACHE_MAGIC);
                out.writeInt(input.depth());
                out.writeInt(input.height());
                out.writeInt(input.width());
                for (float v : input.data()) {
                    out.writeFloat(v);
                }
            }
            try {
                Files.move(
                        temp,
                        file,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Outcome parseOutcome(String cell, String name, int line) throws IchException {
        switch (cell.trim().toLowerCase(Locale.ROOT)) {
            case "0":
            case "survived":
                return Outcome.SURVIVED;
            case "1":
            case "died":
                return Outcome.DIED;
            default:
                throw table(name, line, "outcome '" + cell + "' must be 0 (survived) or 1 (died)");
        }
    }

    /** Splits a CSV line; fields may be double-quoted (with "" for a quote). */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString().trim());
        return out;
    }

    private static IchException table(String name, int line, String problem) {
        return new IchException(
                ErrorCode.INVALID_TABLE,
                "row " + line + " of " + name,
                problem,
                "Fix the manifest: header study,volume_ml,outcome[,mask], one study per row");
    }
}
