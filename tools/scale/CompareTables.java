import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Compares a batch's results.csv with the Spark job's Parquet output: the same studies, and for
 * each the same value in every column but the timings ({@code *_ms}). Prints the verdict; exit
 * status 1 when they differ. Run with Spark on the class path (tools/scale/archive_drill.sh).
 */
public final class CompareTables {

    public static void main(String[] args) {
        SparkSession spark =
                SparkSession.builder()
                        .master("local[1]")
                        .appName("compare")
                        .config("spark.ui.enabled", "false")
                        .getOrCreate();
        Map<String, Map<String, String>> csv =
                byStudy(spark.read().option("header", true).csv(args[0]).collectAsList());
        Map<String, Map<String, String>> parquet =
                byStudy(spark.read().parquet(args[1]).collectAsList());
        spark.stop();
        List<String> differences = new ArrayList<>();
        for (String study : csv.keySet()) {
            if (!csv.get(study).equals(parquet.get(study))) {
                differences.add(study + ": " + csv.get(study) + " <> " + parquet.get(study));
            }
        }
        parquet.keySet().stream()
                .filter(s -> !csv.containsKey(s))
                .forEach(s -> differences.add(s + ": only in the Parquet output"));
        System.out.printf(
                "compared %d batch rows with %d Spark rows: %s%n",
                csv.size(),
                parquet.size(),
                differences.isEmpty() ? "equal (timings aside)" : differences.size() + " differ");
        differences.stream().limit(5).forEach(System.out::println);
        System.exit(differences.isEmpty() ? 0 : 1);
    }

    /** study → column → value as text, without the timing columns. */
    private static Map<String, Map<String, String>> byStudy(List<Row> rows) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (Row row : rows) {
            Map<String, String> values = new TreeMap<>();
            String[] names = row.schema().fieldNames();
            for (int i = 0; i < names.length; i++) {
                if (!names[i].endsWith("_ms")) {
                    values.put(names[i], row.isNullAt(i) ? null : row.get(i).toString());
                }
            }
            out.put(row.getString(row.fieldIndex("study")), values);
        }
        return out;
    }
}
