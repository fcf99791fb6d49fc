import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.core.preprocess.Preprocessor;
import dev.ich.dicom.DicomStudyReader;
import dev.ich.model.IchModel;
import dev.ich.model.train.InputPreparer;
import dev.ich.model.train.ManifestDataset;
import dev.ich.model.train.TrainingExample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Post-training checks of a model trained by TrainExperiment on the cohort of {@code ich demo
 * --out DEMO}, printed for docs/model.md ("Learning volume on phantoms"): held-out MAPE by size,
 * with the mirrored-input average, with a linear ∛ recalibration fitted on the validation
 * phantoms, and after recomputing the batch-norm statistics over the training set (PyTorch's
 * {@code swa_utils.update_bn}: the mean of the per-batch statistics).
 *
 * <p>Run: {@code tools/experiments/run.sh --probe MODEL_DIR [DEMO]} (DEMO defaults to /tmp/demo0;
 * it needs the {@code cohort/test.csv} that a TrainExperiment run on DEMO writes).
 * A run trained with {@code --keep last} holds the last epoch (the checkpoint is removed at the end).
 */
public class ModelProbe {

    public static void main(String[] args) throws Exception {
        Path demo = Path.of(args.length > 1 ? args[1] : "/tmp/demo0");
        try (IchModel model = IchModel.load(Path.of(args[0]))) {
            InputPreparer prep = InputPreparer.of(new Preprocessor(model.preprocessing()));
            List<TrainingExample> train = load(demo, "train.csv", prep);
            List<TrainingExample> val = load(demo, "validation.csv", prep);
            List<TrainingExample> test = load(demo, "test.csv", prep);
            double[][] v = cubeRoots(model, val);
            double[][] t = cubeRoots(model, test);
            double[] fit = fit(v[0], v[2]);
            System.out.printf(Locale.ROOT, "held-out MAPE %.1f, mirrored average %.1f, recalibrated (%.2f + %.2f s) %.1f%n",
                mape(t[0], t[2]), mape(t[1], t[2]), fit[0], fit[1], mape(apply(fit, t[0]), t[2]));
            System.out.println("training phantoms by size: " + bySize(cubeRoots(model, train)));
            System.out.println("held-out phantoms by size: " + bySize(t));
            recomputeBatchNorm(model, train);
            System.out.printf(Locale.ROOT, "after recomputing batch-norm statistics: held-out MAPE %.1f%n",
                mape(cubeRoots(model, test)[0], t[2]));
        }
    }

    private static List<TrainingExample> load(Path demo, String csv, InputPreparer prep) throws Exception {
        return ManifestDataset.load(demo.resolve("cohort").resolve(csv), DicomStudyReader.create(), prep,
            demo.resolve("cache"));
    }

    /** Rows: predicted ∛V, mean of it and the mirrored input's, true ∛V. */
    private static double[][] cubeRoots(IchModel m, List<TrainingExample> xs) throws Exception {
        double[][] r = new double[3][xs.size()];
        for (int i = 0; i < xs.size(); i++) {
            ModelInput in = xs.get(i).input();
            double p = Math.cbrt(m.predict(in).volumeMl());
            r[0][i] = p;
            r[1][i] = (p + Math.cbrt(m.predict(mirrored(in)).volumeMl())) / 2;
            r[2][i] = Math.cbrt(xs.get(i).volumeMl());
        }
        return r;
    }

    private static ModelInput mirrored(ModelInput in) {
        int d = in.depth(), h = in.height(), w = in.width();
        float[] a = in.data(), b = new float[a.length];
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    b[(z * h + y) * w + x] = a[(z * h + y) * w + (w - 1 - x)];
                }
            }
        }
        return new ModelInput(d, h, w, b);
    }

    private static String bySize(double[][] r) {
        double[] edges = {0, 3, 6, 10, 20, 40, 1000};
        StringBuilder sb = new StringBuilder();
        for (int b = 0; b + 1 < edges.length; b++) {
            double ape = 0, bias = 0;
            int n = 0;
            for (int i = 0; i < r[0].length; i++) {
                double v = Math.pow(r[2][i], 3);
                if (v >= edges[b] && v < edges[b + 1]) {
                    ape += Math.abs(Math.pow(Math.max(0, r[0][i]), 3) - v) / v;
                    bias += r[0][i] - r[2][i];
                    n++;
                }
            }
            if (n > 0) {
                sb.append(String.format(Locale.ROOT, "[%.0f, %.0f) ml n=%d MAPE %.0f %% ∛bias %+.2f; ", edges[b],
                    edges[b + 1], n, 100 * ape / n, bias / n));
            }
        }
        return sb.toString();
    }

    /** Least squares y = c0 + c1·x. */
    private static double[] fit(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElse(0), my = Arrays.stream(y).average().orElse(0);
        double sxy = 0, sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return new double[] {my - sxy / sxx * mx, sxy / sxx};
    }

    private static double[] apply(double[] c, double[] x) {
        return Arrays.stream(x).map(v -> c[0] + c[1] * v).toArray();
    }

    private static double mape(double[] predicted, double[] truth) {
        double s = 0;
        for (int i = 0; i < predicted.length; i++) {
            double t = Math.pow(truth[i], 3);
            s += Math.abs(Math.pow(Math.max(0, predicted[i]), 3) - t) / t;
        }
        return 100 * s / predicted.length;
    }

    /**
     * For each training batch of 8: zero every running mean and variance, run the batch in training
     * mode (which sets them to 0.1 × the batch's statistics), read them back; then set each to the
     * mean over the batches.
     */
    private static void recomputeBatchNorm(IchModel model, List<TrainingExample> train) throws IchException {
        model.withNetwork(ctx -> {
            List<Parameter> stats = new ArrayList<>();
            ctx.network().torchParameters().forEach((name, p) -> {
                if (name.endsWith("running_mean") || name.endsWith("running_var")) {
                    stats.add(p);
                }
            });
            float[][] sums = new float[stats.size()][];
            int batches = 0;
            for (int s = 0; s + 1 < train.size(); s += 8) {
                List<ModelInput> batch = new ArrayList<>();
                for (int i = s; i < Math.min(train.size(), s + 8); i++) {
                    batch.add(train.get(i).input());
                }
                for (Parameter p : stats) {
                    p.getArray().subi(p.getArray());
                }
                try (NDManager sub = ctx.manager().newSubManager()) {
                    NDArray x = ctx.input(batch);
                    sub.attachAll(x);
                    ctx.network().forward(ctx.parameters(), new NDList(x), true).close();
                }
                for (int k = 0; k < stats.size(); k++) {
                    float[] v = stats.get(k).getArray().toFloatArray();
                    if (sums[k] == null) {
                        sums[k] = new float[v.length];
                    }
                    for (int j = 0; j < v.length; j++) {
                        sums[k][j] += v[j] / 0.1f;
                    }
                }
                batches++;
            }
            for (int k = 0; k < stats.size(); k++) {
                for (int j = 0; j < sums[k].length; j++) {
                    sums[k][j] /= batches;
                }
                stats.get(k).getArray().set(sums[k]);
            }
            return null;
        });
    }
}
