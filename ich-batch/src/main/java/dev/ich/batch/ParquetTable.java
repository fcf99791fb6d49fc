package dev.ich.batch;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The results table as a Parquet file: every column optional, strings as UTF-8, numbers as doubles
 * and 32-bit integers, written and read through local files (no Hadoop file system).
 */
public final class ParquetTable {

    private ParquetTable() {}

    /** The Parquet schema of {@code schema}'s columns. */
    public static MessageType messageType(ResultSchema schema) {
        List<Type> fields = new ArrayList<>();
        for (Column c : schema.columns()) {
            switch (c.type()) {
                case DOUBLE:
                    fields.add(Types.optional(PrimitiveTypeName.DOUBLE).named(c.name()));
                    break;
                case INT:
                    fields.add(Types.optional(PrimitiveTypeName.INT32).named(c.name()));
                    break;
                default:
                    fields.add(
                            Types.optional(PrimitiveTypeName.BINARY)
                                    .as(LogicalTypeAnnotation.stringType())
                                    .named(c.name()));
            }
        }
        return new MessageType("ich_results", fields);
    }

    /**
     * Writes {@code rows} to {@code file}, replacing it (a temporary the caller moves into place).
     */
    public static void write(Path file, ResultSchema schema, List<List<String>> rows)
            throws IchException {
        MessageType type = messageType(schema);
        SimpleGroupFactory groups = new SimpleGroupFactory(type);
        try (ParquetWriter<Group> writer =
                ExampleParquetWriter.builder(new LocalOutputFile(file))
                        .withConf(new PlainParquetConfiguration())
                        .withType(type)
                        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                        .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                        .build()) {
            for (List<String> row : rows) {
                Group group = groups.newGroup();
                for (int i = 0; i < row.size(); i++) {
                    Object value = schema.value(i, row.get(i));
                    if (value instanceof Double) {
                        group.add(i, (Double) value);
                    } else if (value instanceof Integer) {
                        group.add(i, (Integer) value);
                    } else if (value != null) {
                        group.add(i, (String) value);
                    }
                }
                writer.write(group);
            }
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    file.toString(),
                    "cannot be written (" + e.getMessage() + ")",
                    "Check the folder's permissions and free space",
                    e);
        }
    }

    /** The rows of a results file written by {@link #write}, as texts (the CSV's form). */
    public static List<List<String>> read(Path file, ResultSchema schema) throws IchException {
        List<List<String>> rows = new ArrayList<>();
        try (ParquetReader<Group> reader =
                new GroupReaderBuilder(new LocalInputFile(file)).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                List<String> row = new ArrayList<>();
                for (int i = 0; i < schema.columns().size(); i++) {
                    if (g.getFieldRepetitionCount(i) == 0) {
                        row.add(null);
                        continue;
                    }
                    switch (schema.columns().get(i).type()) {
                        case DOUBLE:
                            row.add(Double.toString(g.getDouble(i, 0)));
                            break;
                        case INT:
                            row.add(Integer.toString(g.getInteger(i, 0)));
                            break;
                        default:
                            row.add(g.getString(i, 0));
                    }
                }
                rows.add(row);
            }
        } catch (IOException | RuntimeException e) {
            throw new IchException(
                    ErrorCode.INVALID_TABLE,
                    file.toString(),
                    "cannot be read as a results table (" + e + ")",
                    "Check that ich wrote it",
                    e);
        }
        return rows;
    }

    /** Parquet has a Group writer builder over an OutputFile but no such reader builder. */
    private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
        GroupReaderBuilder(LocalInputFile file) {
            super(file, new PlainParquetConfiguration());
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }
}
