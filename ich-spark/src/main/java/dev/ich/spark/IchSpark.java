package dev.ich.spark;

import dev.ich.batch.Column;
import dev.ich.batch.ResultSchema;
import dev.ich.core.analysis.batch.BatchResult;
import dev.ich.core.error.IchException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Analyses a DataFrame of studies on Spark: a {@code study} column of paths (absolute, or relative
 * to a base folder) and any other columns, carried through as text; out comes a DataFrame of {@link
 * ResultSchema}'s columns with the estimates {@code abc2} and {@code planimetry}, one row per study
 * in the input's partitions and order, the same rows the single-machine batch writes.
 *
 * <p>The model directory is shipped to the executors with {@code SparkContext.addFile} and loaded
 * once per executor JVM. A study that fails is an error row, never a failed task; a row depends
 * only on its input row (timings aside), so a retried task gives the same rows and no duplicates.
 * Studies on a local path or shared mount are read where they are; studies named by the URI of a
 * file system Hadoop reads (HDFS, S3, …) are copied to the executor's disk for their analysis
 * ({@link StudyFetcher}).
 */
public final class IchSpark {

    private IchSpark() {}

    /** {@link #analyze(Dataset, Path, String)} with study paths taken as they are. */
    public static Dataset<Row> analyze(Dataset<Row> studies, Path modelDir) throws IchException {
        return analyze(studies, modelDir, (String) null);
    }

    /** {@link #analyze(Dataset, Path, String)} with relative paths resolved in a local folder. */
    public static Dataset<Row> analyze(Dataset<Row> studies, Path modelDir, Path base)
            throws IchException {
        return analyze(
                studies,
                modelDir,
                base == null ? null : base.toAbsolutePath().normalize().toString());
    }

    /**
     * The result rows of {@code studies}, analysed lazily when the result is used.
     *
     * @param studies a {@code study} column of locations (local paths, or URIs of a file system
     *     Hadoop reads: {@code hdfs://}, {@code s3a://}, …) and any other columns
     * @param modelDir the model directory on the driver
     * @param base the folder, local or a URI, that relative study paths are resolved against; null
     *     to take them as they are
     * @throws IchException {@link dev.ich.core.error.ErrorCode#INVALID_TABLE} when there is no
     *     {@code study} column or another column has a result column's name
     */
    public static Dataset<Row> analyze(Dataset<Row> studies, Path modelDir, String base)
            throws IchException {
        List<String> names = List.of(studies.columns());
        if (!names.contains(ResultSchema.STUDY)) {
            throw new IchException(
                    dev.ich.core.error.ErrorCode.INVALID_TABLE,
                    "the studies DataFrame",
                    "has no 'study' column (columns " + names + ")",
                    "Name the column of study paths 'study'");
        }
        List<String> carried = new ArrayList<>(names);
        carried.remove(ResultSchema.STUDY);
        ResultSchema schema = ResultSchema.of(carried, ExecutorAnalyzers.ESTIMATORS);
        Path model = modelDir.toAbsolutePath().normalize();
        SparkContext context = studies.sparkSession().sparkContext();
        context.addFile(model.toString(), true);
        AnalysePartition function =
                new AnalysePartition(
                        model.getFileName().toString(),
                        new ArrayList<>(carried),
                        new StudyFetcher(base, context.hadoopConfiguration()));
        return studies.mapPartitions(function, Encoders.row(structType(schema)));
    }

    /** The Spark schema of {@code schema}'s columns, every one nullable. */
    public static StructType structType(ResultSchema schema) {
        List<StructField> fields = new ArrayList<>();
        for (Column c : schema.columns()) {
            DataType type =
                    switch (c.type()) {
                        case DOUBLE -> DataTypes.DoubleType;
                        case INT -> DataTypes.IntegerType;
                        default -> DataTypes.StringType;
                    };
            fields.add(DataTypes.createStructField(c.name(), type, true));
        }
        return DataTypes.createStructType(fields);
    }

    /** The work of one task: its partition's studies through this JVM's analyzer, one at a time. */
    static final class AnalysePartition implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;

        private final String modelName;
        private final ArrayList<String> carried;
        private final StudyFetcher fetcher;

        AnalysePartition(String modelName, ArrayList<String> carried, StudyFetcher fetcher) {
            this.modelName = modelName;
            this.carried = carried;
            this.fetcher = fetcher;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) throws IchException {
            ResultSchema schema = ResultSchema.of(carried, ExecutorAnalyzers.ESTIMATORS);
            TaskContext task = TaskContext.get();
            int cores = task == null ? 1 : Math.max(1, task.cpus());
            ExecutorAnalyzers.Loaded loaded =
                    ExecutorAnalyzers.get(Path.of(SparkFiles.get(modelName)), cores);
            Path localRoot = Path.of(SparkFiles.getRootDirectory());
            // One study at a time: the task has its share of the executor's cores, and the next
            // study is read only when Spark takes this one's row.
            return new Iterator<>() {
                private long index;

                @Override
                public boolean hasNext() {
                    return input.hasNext();
                }

                @Override
                public Row next() {
                    Row row = input.next();
                    String text = Objects.toString(row.getAs(ResultSchema.STUDY), "");
                    Map<String, String> columns = new LinkedHashMap<>();
                    for (String name : carried) {
                        columns.put(name, Objects.toString(row.getAs(name), null));
                    }
                    BatchResult result =
                            fetcher.analyse(loaded.analyzer(), index++, text, columns, localRoot);
                    List<String> texts = schema.row(result, loaded.modelSha256());
                    Object[] values = new Object[texts.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = schema.value(i, texts.get(i));
                    }
                    return RowFactory.create(values);
                }
            };
        }
    }
}
