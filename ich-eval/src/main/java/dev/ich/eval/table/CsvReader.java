package dev.ich.eval.table;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 reader: UTF-8 (a byte-order mark is skipped), comma-separated, fields may be
 * double-quoted with "" for a quote, LF or CRLF line ends, a header line, and every record as wide
 * as the header. Blank lines are errors except at the end of the file.
 *
 * <p>Written here rather than taking Commons CSV or OpenCSV: the tables are a handful of numeric
 * columns, and what matters is refusing every irregularity with the line number, which a lenient
 * general parser would need as much code to enforce; it also keeps a dependency out of the library.
 */
final class CsvReader {

    /** One record: its first physical line (1-based) and its fields. */
    record Row(int line, String[] fields) {}

    private CsvReader() {}

    /** The records of {@code file}, the header first. */
    static List<Row> read(Path file) throws IchException {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(java.nio.ByteBuffer.wrap(bytes))
                            .toString();
        } catch (NoSuchFileException e) {
            throw new IchException(
                    ErrorCode.FILE_NOT_FOUND,
                    file.toString(),
                    "the file does not exist",
                    "Check the path",
                    e);
        } catch (CharacterCodingException e) {
            throw new IchException(
                    ErrorCode.INVALID_TABLE,
                    file.toString(),
                    "the file is not UTF-8 text",
                    "Save the table as UTF-8 CSV",
                    e);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.IO_ERROR,
                    file.toString(),
                    "the file cannot be read (" + e.getMessage() + ")",
                    "Check that it is a readable file",
                    e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return parse(
                text, file.getFileName() == null ? file.toString() : file.getFileName().toString());
    }

    static List<Row> parse(String text, String name) throws IchException {
        List<Row> rows = new ArrayList<>();
        int pos = 0;
        int line = 1;
        int n = text.length();
        while (pos < n) {
            int recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean endOfRecord = false;
            boolean quotedField = false;
            while (!endOfRecord) {
                if (pos >= n) {
                    fields.add(field.toString());
                    break;
                }
                char c = text.charAt(pos);
                if (c == '"' && field.length() == 0 && !quotedField) {
                    quotedField = true;
                    pos++;
                    while (true) {
                        if (pos >= n) {
                            throw error(
                                    name,
                                    recordLine,
                                    "a quoted field is not closed before the end of the file");
                        }
                        char q = text.charAt(pos);
                        if (q == '"') {
                            if (pos + 1 < n && text.charAt(pos + 1) == '"') {
                                field.append('"');
                                pos += 2;
                                continue;
                            }
                            pos++;
                            break;
                        }
                        if (q == '\n') {
                            line++;
                        }
                        field.append(q);
                        pos++;
                    }
                    if (pos < n
                            && text.charAt(pos) != ','
                            && text.charAt(pos) != '\n'
                            && text.charAt(pos) != '\r') {
                        throw error(name, recordLine, "text follows the closing quote of a field");
                    }
                    continue;
                }
                if (c == '"') {
                    throw error(name, recordLine, "a quote appears inside an unquoted field");
                }
                if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    quotedField = false;
                    pos++;
                } else if (c == '\r' || c == '\n') {
                    if (c == '\r') {
                        if (pos + 1 >= n || text.charAt(pos + 1) != '\n') {
                            throw error(
                                    name,
                                    recordLine,
                                    "a bare carriage return ends the line (use LF or CRLF)");
                        }
                        pos++;
                    }
                    pos++;
                    line++;
                    fields.add(field.toString());
                    endOfRecord = true;
                } else {
                    field.append(c);
                    pos++;
                }
            }
            if (fields.size() == 1 && fields.get(0).isEmpty() && !quotedField) {
                if (text.substring(pos).isBlank()) {
                    break;
                }
                throw error(name, recordLine, "the line is blank");
            }
            rows.add(new Row(recordLine, fields.toArray(new String[0])));
        }
        if (rows.isEmpty()) {
            throw error(name, 1, "the file is empty; a header line is needed");
        }
        int width = rows.get(0).fields().length;
        for (Row r : rows) {
            if (r.fields().length != width) {
                throw error(
                        name,
                        r.line(),
                        "the line has "
                                + r.fields().length
                                + " fields but the header has "
                                + width);
            }
        }
        return rows;
    }

    static IchException error(String name, int line, String problem) {
        return new IchException(
                ErrorCode.INVALID_TABLE,
                "line " + line + " of " + name,
                problem,
                "Fix the table; see docs/evaluation.md for its format");
    }
}
