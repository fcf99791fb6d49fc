package dev.ich.batch;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** Rows of texts to and from CSV (RFC 4180, LF line ends); an empty field reads as null. */
final class CsvRows {

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private CsvRows() {}

    /** One record, ending with its line break. */
    static String line(List<String> row) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(row.stream().map(v -> v == null ? "" : v).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("a StringBuilder cannot fail", e);
        }
        return out.toString();
    }

    /** The records of {@code text}, the header first; {@code source} names the text in errors. */
    static List<List<String>> parse(String text, String source) throws IchException {
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser =
                CSVParser.builder().setReader(new StringReader(text)).setFormat(FORMAT).get()) {
            for (CSVRecord record : parser) {
                List<String> row = new ArrayList<>(record.size());
                record.forEach(v -> row.add(v.isEmpty() ? null : v));
                rows.add(row);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new IchException(
                    ErrorCode.INVALID_TABLE,
                    source,
                    "is not valid CSV (" + e.getMessage() + ")",
                    "Check the file's quoting",
                    e);
        }
        return rows;
    }
}
