import dev.ich.core.preprocess.*;
import dev.ich.dicom.DicomStudyReader;
import dev.ich.model.*;
import dev.ich.model.train.*;
import java.nio.file.*;
import java.util.*;

/**
 * One training run on the cohort of an earlier {@code ich demo --out DIR}, scored on its held-out
 * phantoms: prints the validation metrics per epoch and a {@code RESULT} line with the held-out
 * MAPE, MAE and the MAPE of bleeds under 10 ml. The figures of docs/model.md ("Learning volume on
 * phantoms") were made with it. Settings are key=value arguments (defaults: the demo's):
 * demo=DIR d=32 hw=80 aa=true (anti-aliasing before the resize) bone=NaN (bone suppression above this HU) width=8 depthL=34 ntrain=384 epochs=48
 * batch=8 lr=0.003 sched=COSINE|CONSTANT warmup=1 (epochs) bias=true rloss=RELATIVE_MSE|MSE wreg=1 wcls=1 wd=5e-4
 * flip=true shift=4 threads=2 task=MULTI seed=2023 select=LAST_EPOCH|LOWEST_VALIDATION_LOSS.
 * The RESULT line gives the held-out figures of the kept epoch. Settings are chosen on another
 * cohort (SelectionScore), not on these held-out phantoms.
 *
 * <p>Run: {@code tools/experiments/run.sh epochs=48 seed=7} (after {@code ./ich demo
 * --out /tmp/demo0}, which writes the cohort and caches the demo's inputs; other inputs are cached
 * on first use).
 */
public class TrainExperiment {
    static Map<String,String> a = new HashMap<>();
    static String g(String k, String d) { return a.getOrDefault(k, d); }
    public static void main(String[] args) throws Exception {
        for (String s : args) { String[] kv = s.split("=", 2); a.put(kv[0], kv[1]); }
        Path demo = Path.of(g("demo", "/tmp/demo0"));
        int depth = Integer.parseInt(g("d", "32")), hw = Integer.parseInt(g("hw", "80"));
        NetworkConfig base = NetworkConfig.cpu();
        NetworkConfig net = base.toBuilder().input(depth, hw, hw).baseWidth(Integer.parseInt(g("width", "8")))
            .depth(Integer.parseInt(g("depthL", "34"))).build();
        PreprocessingConfig pre = PreprocessingConfig.paper().toBuilder().targetShape(depth, hw, hw)
            .antiAliasing(Boolean.parseBoolean(g("aa", "true")))
            .boneSuppressionHu(Double.parseDouble(g("bone", "NaN"))).build();
        InputPreparer prep = InputPreparer.of(new Preprocessor(pre));
        Path cohort = demo.resolve("cohort");
        List<String> all = Files.readAllLines(cohort.resolve("manifest.csv"));
        int ntrain = Integer.parseInt(g("ntrain", "384"));
        List<TrainingExample> train = ManifestDataset.load(cohort.resolve("train.csv"), DicomStudyReader.create(), prep, demo.resolve("cache"));
        train = train.subList(0, Math.min(ntrain, train.size()));
        List<TrainingExample> val = ManifestDataset.load(cohort.resolve("validation.csv"), DicomStudyReader.create(), prep, demo.resolve("cache"));
        Path testCsv = cohort.resolve("test.csv");
        if (!Files.exists(testCsv)) {
            List<String> t = new ArrayList<>(); t.add("study,volume_ml,outcome,mask");
            for (int i = Files.readAllLines(cohort.resolve("train.csv")).size()
                + Files.readAllLines(cohort.resolve("validation.csv")).size() - 1; i < all.size(); i++) { String[] c = all.get(i).split(","); t.add(c[0]+","+c[1]+","+c[2]+","+c[3]); }
            Files.write(testCsv, t);
        }
        List<TrainingExample> test = ManifestDataset.load(testCsv, DicomStudyReader.create(), prep, demo.resolve("cache"));
        int epochs = Integer.parseInt(g("epochs", "48"));
        Path out = Path.of("/tmp/exp-model-" + System.nanoTime());
        long t0 = System.nanoTime();
        TrainingResult r = IchTrainer.builder().network(net).taskMode(TaskMode.valueOf(g("task", "MULTI")))
            .seed(Long.parseLong(g("seed", "2023"))).epochs(epochs).batchSize(Integer.parseInt(g("batch", "8")))
            .learningRate(Double.parseDouble(g("lr", "0.003")))
            .learningRateSchedule(LearningRateSchedule.valueOf(g("sched", "COSINE"))).warmupEpochs(Integer.parseInt(g("warmup", "1")))
            .regressionStartsAtMean(Boolean.parseBoolean(g("bias", "true")))
            .modelSelection(ModelSelection.valueOf(g("select", "LAST_EPOCH"))).regressionLoss(RegressionLoss.valueOf(g("rloss", "RELATIVE_MSE")))
            .lossWeights(Double.parseDouble(g("wreg", "1")), Double.parseDouble(g("wcls", "1")))
            .weightDecay(Double.parseDouble(g("wd", "5e-4")))
            .threads(Integer.parseInt(g("threads", "2"))).augmentation(new Augmentation(Boolean.parseBoolean(g("flip", "true")), Integer.parseInt(g("shift", "4"))))
            .trainingSet(train).validationSet(val).preprocessing(pre)
            .listener(new TrainingListener() {
                public void onEpoch(EpochMetrics m, int n) {
                    System.out.printf(Locale.ROOT, "epoch %2d loss %.3f val_loss %.3f val_mae %.2f val_mape %.1f auc %.3f  %.0fs%n",
                        m.epoch(), m.trainLoss(), m.validationLoss(), m.validationMaeMl(), m.validationMapePercent(), m.validationAuc(), m.seconds());
                }
            }).build().train(out);
        double train_s = (System.nanoTime() - t0) / 1e9;
        try (IchModel m = IchModel.load(r.modelDirectory())) {
            double ape = 0, ae = 0; int n = 0; double apeSmall = 0; int nSmall = 0;
            StringBuilder sb = new StringBuilder();
            for (TrainingExample e : test) {
                double v = m.predict(e.input()).volumeMl();
                double err = Math.abs(v - e.volumeMl()) / e.volumeMl();
                ape += err; ae += Math.abs(v - e.volumeMl()); n++;
                if (e.volumeMl() < 10) { apeSmall += err; nSmall++; }
                sb.append(String.format(Locale.ROOT, "%.1f/%.1f ", e.volumeMl(), v));
            }
            System.out.printf(Locale.ROOT, "RESULT %s best_epoch=%d test_mape=%.1f test_mae=%.2f small_mape=%.1f (n=%d) train_s=%.0f%n",
                String.join(" ", args), r.bestEpoch(), 100 * ape / n, ae / n, 100 * apeSmall / nSmall, nSmall, train_s);
            System.out.println(sb);
        }
    }
}
