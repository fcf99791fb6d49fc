package dev.ich.spark;

import dev.ich.batch.ResultSchema;
import dev.ich.batch.StudyList;
import dev.ich.core.analysis.batch.BatchStudy;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
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
 * resolved against its folder; the manifest, the studies and the output may be on any file system
 * Spark's Hadoop reads), analyses the studies with {@link IchSpark} and writes the rows as Parquet;
 * the output must not exist. Without a master from spark-submit it runs on {@code local[*]}.
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
                case "--partitions" -> partitions = count(args[i + 1]);
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
        if (!Files.isDirectory(Path.of(model))) {
            throw new IchException(
                    ErrorCode.FILE_NOT_FOUND,
                    model,
                    "is not a model directory",
                    "Give --model the folder ich train or IchModel.save wrote");
        }
        SparkConf conf = new SparkConf().setAppName("ich analyze archive");
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        Path local = null;
        try {
            Configuration hadoop = spark.sparkContext().hadoopConfiguration();
            refuseExisting(out, hadoop);
            StudyList list;
            String base;
            if (StudyFetcher.isRemote(manifest)) {
                local = Files.createTempDirectory("ich-manifest-");
                list = StudyList.manifest(fetch(manifest, hadoop, local));
                base = new org.apache.hadoop.fs.Path(manifest).getParent().toString();
            } else {
                list = StudyList.manifest(Path.of(manifest));
                base = Path.of(manifest).toAbsolutePath().getParent().toString();
            }
            return analyse(spark, list, model, base, out, partitions);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.IO_ERROR,
                    manifest,
                    "cannot be read (" + e.getMessage() + ")",
                    "Check the path and Spark's Hadoop configuration (spark.hadoop.*)",
                    e);
        } finally {
            spark.stop();
            StudyFetcher.deleteTree(local);
        }
    }

    private static int analyse(
            SparkSession spark,
            StudyList list,
            String model,
            String base,
            String out,
            int partitions)
            throws IchException {
        Dataset<Row> studies = studies(spark, list, partitions);
        Dataset<Row> rows = IchSpark.analyze(studies, Path.of(model), base);
        rows.write().mode(SaveMode.ErrorIfExists).parquet(out);
        long failed =
                spark.read().parquet(out).filter("status = '" + ResultSchema.ERROR + "'").count();
        System.out.printf(
                Locale.ROOT, "%d studies, %d failed; wrote %s%n", studies.count(), failed, out);
        return 0;
    }

    /** Refuses an output that exists, on whichever file system it is. */
    private static void refuseExisting(String out, Configuration hadoop)
            throws IchException, IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(out);
        if (path.getFileSystem(hadoop).exists(path)) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE, out, "already exists", "Choose another --out");
        }
    }

    /** A local copy of a manifest held on a Hadoop file system, under the same name. */
    private static Path fetch(String manifest, Configuration hadoop, Path folder)
            throws IOException {
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(manifest);
        Path copy = folder.resolve(source.getName());
        StudyFetcher.copyFile(source.getFileSystem(hadoop), source, copy);
        return copy;
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

    private static int count(String text) throws IchException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw usage("--partitions takes a whole number, not '" + text + "'");
        }
    }

    private static IchException usage(String problem) {
        return new IchException(
                ErrorCode.INVALID_TABLE,
                "the command line",
                problem,
                "Run AnalyzeArchive --manifest <csv> --model <dir> --out <parquet folder> [--partitions N]");
    }
}
