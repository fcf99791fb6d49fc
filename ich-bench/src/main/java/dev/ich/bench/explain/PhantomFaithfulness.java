package dev.ich.bench.explain;

import dev.ich.core.analysis.Head;
import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.core.preprocess.Preprocessor;
import dev.ich.dicom.DicomStudyReader;
import dev.ich.explain.CamProjection;
import dev.ich.explain.CamRequest;
import dev.ich.explain.Explainer;
import dev.ich.explain.cam.CamMethod;
import dev.ich.explain.score.Faithfulness;
import dev.ich.model.IchModel;
import dev.ich.model.train.ManifestDataset;
import dev.ich.model.train.ManifestRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Are the volume head's maps faithful to the model? Deletion and insertion curves ({@link
 * Faithfulness}) on the last held-out studies of a phantom cohort for the best maps of {@link
 * PhantomLocalisation} — stage-1 Grad-CAM++ and LayerCAM, integrated gradients — and for two
 * references that explain nothing: the windowed model input itself and a random map. Prints the
 * mean normalised AUCs (deletion: lower is better; insertion: higher is better).
 *
 * <p>Run: {@code java ... dev.ich.bench.explain.PhantomFaithfulness <phantom dir> <model dir>
 * [held-out studies] [curve steps]}; the phantom directory needs the {@code train.csv} that {@link
 * PhantomLocalisation} writes.
 */
public final class PhantomFaithfulness {

    private PhantomFaithfulness() {}

    public static void main(String[] args) throws IchException, IOException {
        if (args.length < 2) {
            System.err.println(
                    "usage: PhantomFaithfulness <phantom dir> <model dir> [held-out studies] [curve steps]");
            System.exit(2);
        }
        int heldOut = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        List<ManifestRow> rows = ManifestDataset.readRows(Path.of(args[0]).resolve("train.csv"));
        IchModel.setIntraOpThreads(2);
        Map<String, double[]> sums = new LinkedHashMap<>();
        Random random = new Random(1);
        try (IchModel model = IchModel.load(Path.of(args[1]))) {
            Explainer explainer = new Explainer(model);
            Preprocessor pre = new Preprocessor(model.preprocessing());
            CamRequest volume = CamRequest.paper(Head.VOLUME);
            Map<String, CamRequest> maps = new LinkedHashMap<>();
            maps.put(
                    "stage 1 gradcam++",
                    volume.toBuilder().method(CamMethod.GRAD_CAM_PLUS_PLUS).stage(1).build());
            maps.put(
                    "stage 1 layercam",
                    volume.toBuilder().method(CamMethod.LAYER_CAM).stage(1).build());
            maps.put(
                    "integrated-gradients",
                    volume.toBuilder().method(CamMethod.INTEGRATED_GRADIENTS).build());
            for (ManifestRow row : rows.subList(rows.size() - heldOut, rows.size())) {
                ModelInput input =
                        pre.preprocess(DicomStudyReader.create().read(row.study())).input();
                Map<String, float[]> saliency = new LinkedHashMap<>();
                for (Map.Entry<String, CamRequest> e : maps.entrySet()) {
                    CamRequest r = e.getValue();
                    saliency.put(
                            e.getKey(),
                            CamProjection.toModelGrid(
                                    explainer.capture(input, r),
                                    r,
                                    input.depth(),
                                    input.height(),
                                    input.width()));
                }
                saliency.put("the model input itself", input.data());
                float[] noise = new float[input.size()];
                for (int v = 0; v < noise.length; v++) {
                    noise[v] = random.nextFloat();
                }
                saliency.put("a random map", noise);
                for (Map.Entry<String, float[]> e : saliency.entrySet()) {
                    Faithfulness.Result f =
                            Faithfulness.deletionAndInsertion(
                                    input,
                                    e.getValue(),
                                    in -> explainer.output(in, volume),
                                    steps,
                                    0f);
                    double[] acc = sums.computeIfAbsent(e.getKey(), k -> new double[3]);
                    // NaN when the output is the same with and without the input (a bleed too small
                    // to see).
                    if (Double.isFinite(f.deletion().normalisedAuc())) {
                        acc[0] += f.deletion().normalisedAuc();
                        acc[1] += f.insertion().normalisedAuc();
                        acc[2]++;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d held-out studies, %d steps per curve%n", heldOut, steps);
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            double[] v = e.getValue();
            System.out.printf(
                    Locale.ROOT,
                    "%-24s deletion AUC %.3f, insertion AUC %.3f (%d studies)%n",
                    e.getKey(),
                    v[0] / v[2],
                    v[1] / v[2],
                    (int) v[2]);
        }
    }
}
