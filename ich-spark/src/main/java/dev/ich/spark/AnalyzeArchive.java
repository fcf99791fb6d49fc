package dev.ich.spark;

import dev.ich.batch.ResultSchema;
import dev.ich.batch.StudyList;
import dev.ich.core.analysis.batch.BatchStudy;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The {@code spark-submit} entry point: {@code AnalyzeArchive --manifest m.csv --model dir --out
 * results.parquet [--partitions N]} reads the manifest on the driver (relative study paths are
 * resolved against its folder), analyses the studies with {@link IchSpark} and writes the rows as
 * Parquet; the output must not exist. Without a master from spark-submit it runs on {@code
 * local[*]}.
 */
public final class AnalyzeArchive {

    private AnalyzeArchive() {}

    /** Runs the job; exit status 2 with a one-line message for a bad argument or manifest. */
    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IchException e) {
            System.err.println("ich analyze archive: error: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args) throws IchException {
        String manifest = null;
        String model = null;
        String out = null;
        int partitions = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--manifest" -> manifest = args[i + 1];
                case "--model" -> model = args[i + 1];
                case "--out" -> out = args[i + 1];
                case "--partitions" -> partitions = Integer.parseInt(args[i + 1]);
                default -> throw usage("unknown option " + args[i]);
            }
        }
        if (manifest == null
                || model == null
                || out == null
                || args.length % 2 != 0
                || partitions < 0) {
            throw usage("--manifest, --model and --out are required");
        }
        if (!out.contains("://") && Files.exists(Path.of(out), LinkOption.NOFOLLOW_LINKS)) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE, out, "already exists", "Choose another --out");
        }
        StudyList list = StudyList.manifest(Path.of(manifest));
        SparkConf conf = new SparkConf().setAppName("ich analyze archive");
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            Dataset<Row> studies = studies(spark, list, partitions);
            Dataset<Row> rows =
                    IchSpark.analyze(
                            studies,
                            Path.of(model),
                            Path.of(manifest).toAbsolutePath().getParent());
            rows.write().mode(SaveMode.ErrorIfExists).parquet(out);
            long failed =
                    spark.read()
                            .parquet(out)
                            .filter("status = '" + ResultSchema.ERROR + "'")
                            .count();
            System.out.printf(
                    Locale.ROOT, "%d studies, %d failed; wrote %s%n", studies.count(), failed, out);
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** The manifest's rows as a DataFrame of text columns, {@code study} first. */
    static Dataset<Row> studies(SparkSession spark, StudyList list, int partitions) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(ResultSchema.STUDY, DataTypes.StringType, false));
        list.carried()
                .forEach(
                        c ->
                                fields.add(
                                        DataTypes.createStructField(
                                                c, DataTypes.StringType, true)));
        List<Row> rows = new ArrayList<>();
        for (BatchStudy s : list.studies()) {
            List<Object> values = new ArrayList<>();
            values.add(s.key());
            list.carried().forEach(c -> values.add(s.columns().get(c)));
            rows.add(RowFactory.create(values.toArray()));
        }
        Dataset<Row> frame = spark.createDataFrame(rows, DataTypes.createStructType(fields));
        return partitions > 0 ? frame.repartition(partitions) : frame;
    }

    private static IchException usage(String problem) {
        return new IchException(
                ErrorCode.INVALID_TABLE,
                "the command line",
                problem,
                "Run AnalyzeArchive --manifest <csv> --model <dir> --out <parquet folder> [--partitions N]");
    }
}
