import dev.ich.core.analysis.AnalysisResult;
import dev.ich.core.analysis.IchAnalyzer;
import dev.ich.dicom.DicomStudyReader;
import dev.ich.eval.estimators.HaematomaSegmenter;
import dev.ich.eval.estimators.SegmentationVolumeEstimator;
import dev.ich.eval.estimators.VolumeMethod;
import dev.ich.model.IchModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Scores trained models on a selection cohort: phantoms made with another cohort seed than the
 * demo's ({@code ich phantoms --count 144 --seed 11 --out SEL}), so that settings are chosen on
 * phantoms the demo's held-out figure is not computed on. Prints, per model, the network's MAPE
 * and MAE overall and by size, next to ABC/2 on the demo's threshold segmentation.
 *
 * <p>Run: {@code tools/experiments/run.sh --score SEL MODEL_DIR...}
 */
public class SelectionScore {

    /** Size classes (ml) the MAPE is broken down by; MAPE is made by the small bleeds. */
    private static final double[] SIZE_EDGES = {3, 10};

    public static void main(String[] args) throws Exception {
        Path cohort = Path.of(args[0]);
        List<String[]> rows = Files.readAllLines(cohort.resolve("manifest.csv")).stream().skip(1)
            .map(line -> line.split(",")).toList();
        double[] truth = rows.stream().mapToDouble(r -> Double.parseDouble(r[1])).toArray();
        for (int m = 1; m < args.length; m++) {
            // ABC/2 does not depend on the model: computed with the first one only.
            boolean withAbc2 = m == 1;
            double[] network = new double[rows.size()];
            double[] abc2 = new double[rows.size()];
            try (IchModel model = IchModel.load(Path.of(args[m]));
                 IchAnalyzer analyzer = analyzer(model, withAbc2)) {
                for (int i = 0; i < rows.size(); i++) {
                    AnalysisResult r = analyzer.analyze(cohort.resolve(rows.get(i)[0]));
                    network[i] = r.volumeMl();
                    if (withAbc2) {
                        abc2[i] = r.classicalEstimatesMl().get("abc2");
                    }
                }
            }
            if (withAbc2) {
                System.out.println("SCORE abc2 " + summary(abc2, truth));
            }
            System.out.println("SCORE " + args[m] + " " + summary(network, truth));
        }
    }

    /** The analyzer of {@code model}, with the demo's ABC/2 on the threshold segmentation if asked. */
    private static IchAnalyzer analyzer(IchModel model, boolean withAbc2) throws Exception {
        IchAnalyzer.Builder builder = IchAnalyzer.builder().reader(DicomStudyReader.create()).model(model);
        if (withAbc2) {
            builder.estimators(SegmentationVolumeEstimator.of(VolumeMethod.ABC2, HaematomaSegmenter.defaults()));
        }
        return builder.build();
    }

    private static String summary(double[] estimate, double[] truth) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "mape=%.1f mae=%.2f",
            mape(estimate, truth, 0, Double.MAX_VALUE), mae(estimate, truth)));
        double lo = 0;
        for (int k = 0; k <= SIZE_EDGES.length; k++) {
            double hi = k < SIZE_EDGES.length ? SIZE_EDGES[k] : Double.MAX_VALUE;
            s.append(String.format(Locale.ROOT, " [%.0f,%s): mape %.1f bias %+.1f", lo,
                hi == Double.MAX_VALUE ? "inf" : String.format(Locale.ROOT, "%.0f", hi), mape(estimate, truth, lo, hi),
                bias(estimate, truth, lo, hi)));
            lo = hi;
        }
        return s.toString();
    }

    private static double mape(double[] estimate, double[] truth, double lo, double hi) {
        return meanRelativeError(estimate, truth, lo, hi, true);
    }

    /** The mean signed relative error (%): under- or over-estimation rather than scatter. */
    private static double bias(double[] estimate, double[] truth, double lo, double hi) {
        return meanRelativeError(estimate, truth, lo, hi, false);
    }

    /** The mean of (estimate − truth) / truth (%), or of its absolute value, over truths in [lo, hi). */
    private static double meanRelativeError(double[] estimate, double[] truth, double lo, double hi, boolean absolute) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] > 0 && truth[i] >= lo && truth[i] < hi) {
                double error = (estimate[i] - truth[i]) / truth[i];
                sum += absolute ? Math.abs(error) : error;
                n++;
            }
        }
        return 100 * sum / n;
    }

    private static double mae(double[] estimate, double[] truth) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            sum += Math.abs(estimate[i] - truth[i]);
        }
        return sum / truth.length;
    }
}
