import dev.ich.core.preprocess.InputMapping;
import dev.ich.core.preprocess.PreprocessedStudy;
import dev.ich.core.preprocess.PreprocessingConfig;
import dev.ich.core.preprocess.Preprocessor;
import dev.ich.core.volume.CtVolume;
import dev.ich.dicom.DicomStudyReader;
import dev.ich.eval.metrics.VolumeErrorAccumulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * How much of the CPU preset's input looks like blood, with and without bone suppression: for each
 * threshold, the blood-like millilitres per head (input values in [0.2, 0.8), one model voxel
 * counting its share of the crop box) and the error of a least-squares fit of the volume on a
 * 10-bin histogram of the input (fitted on the first two thirds of the cohort, tested on the
 * rest), next to the manifest's ABC/2 on the same test phantoms. The figures of
 * docs/preprocessing.md ("Bone suppression") were made with it.
 *
 * <p>Run: {@code tools/experiments/run.sh --bone-shell SEL [none,300,150,111]}
 */
public class BoneShell {

    private static final int BINS = 10;

    public static void main(String[] args) throws Exception {
        Path cohort = Path.of(args[0]);
        String[] thresholds = (args.length > 1 ? args[1] : "none,300,150,111").split(",");
        List<String[]> rows = Files.readAllLines(cohort.resolve("manifest.csv")).stream().skip(1)
            .map(line -> line.split(",")).toList();
        int n = rows.size();
        int fitted = n * 2 / 3;
        double[] truth = rows.stream().mapToDouble(r -> Double.parseDouble(r[1])).toArray();
        double[] abc2 = rows.stream().mapToDouble(r -> Double.parseDouble(r[5])).toArray();
        DicomStudyReader reader = DicomStudyReader.create();
        double[][][] histograms = new double[thresholds.length][n][];
        for (int s = 0; s < n; s++) {
            CtVolume volume = reader.read(cohort.resolve(rows.get(s)[0]));
            for (int t = 0; t < thresholds.length; t++) {
                double bone = thresholds[t].equals("none") ? Double.NaN : Double.parseDouble(thresholds[t]);
                PreprocessingConfig config = PreprocessingConfig.builder().targetShape(32, 80, 80)
                    .antiAliasing(true).boneSuppressionHu(bone).build();
                histograms[t][s] = histogram(new Preprocessor(config).preprocess(volume), volume);
            }
        }
        System.out.printf(Locale.ROOT, "%d phantoms, fit on %d, test on %d; ABC/2 test MAPE %.1f %%%n", n, fitted,
            n - fitted, mape(abc2, truth, fitted, n));
        for (int t = 0; t < thresholds.length; t++) {
            double[] predicted = fitAndPredict(histograms[t], truth, fitted);
            double bloodLike = Arrays.stream(histograms[t]).mapToDouble(h -> h[2] + h[3] + h[4] + h[5] + h[6] + h[7])
                .average().orElseThrow();
            System.out.printf(Locale.ROOT, "bone suppression %s HU: blood-like %.0f ml per head; histogram fit MAPE"
                + " %.1f %% (fitted), %.1f %% (test)%n", thresholds[t], bloodLike, mape(predicted, truth, 0, fitted),
                mape(predicted, truth, fitted, n));
        }
    }

    /** Millilitres of input per tenth of the value range (values in (0.05, 1) only), and a constant 1. */
    private static double[] histogram(PreprocessedStudy study, CtVolume volume) {
        InputMapping m = study.mapping();
        double ml = m.scaleI() * m.scaleJ() * m.scaleK() * volume.geometry().voxelVolumeMm3() / 1000;
        double[] h = new double[BINS + 1];
        for (float x : study.input().data()) {
            if (x > 0.05 && x < 0.999) {
                h[Math.min(BINS - 1, (int) (x * BINS))] += ml;
            }
        }
        h[BINS] = 1;
        return h;
    }

    /** Ridge regression (λ = 1e-3) on the first {@code fitted} rows, applied to all; at least 0.1 ml. */
    private static double[] fitAndPredict(double[][] x, double[] y, int fitted) {
        RealMatrix design = MatrixUtils.createRealMatrix(Arrays.copyOf(x, fitted));
        RealMatrix normal = design.transpose().multiply(design);
        for (int i = 0; i < normal.getRowDimension(); i++) {
            normal.addToEntry(i, i, 1e-3);
        }
        RealVector w = new LUDecomposition(normal).getSolver()
            .solve(design.transpose().operate(new ArrayRealVector(Arrays.copyOf(y, fitted))));
        return Arrays.stream(x).mapToDouble(row -> Math.max(0.1, new ArrayRealVector(row).dotProduct(w))).toArray();
    }

    /** MAPE of the phantoms {@code from} (inclusive) to {@code to} (exclusive), ich-eval's definition. */
    private static double mape(double[] predicted, double[] truth, int from, int to) {
        VolumeErrorAccumulator errors = new VolumeErrorAccumulator();
        errors.addAll(Arrays.copyOfRange(truth, from, to), Arrays.copyOfRange(predicted, from, to));
        return errors.mape();
    }
}
