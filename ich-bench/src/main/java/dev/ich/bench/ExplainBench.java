package dev.ich.bench;

import dev.ich.core.analysis.Head;
import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.PreprocessedStudy;
import dev.ich.core.preprocess.Preprocessor;
import dev.ich.explain.CamProjection;
import dev.ich.explain.CamRequest;
import dev.ich.explain.Explainer;
import dev.ich.explain.cam.CamCapture;
import dev.ich.explain.cam.CamMethod;
import dev.ich.model.IchModel;
import dev.ich.model.NetworkConfig;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code ich bench --explain}: the time of one Grad-CAM (volume head, last stage: capture, map and
 * upsampling to the model input) against the time of one inference of the same model on the same
 * input, the time of mapping the map back to the study grid, and the process's peak resident
 * memory; then, if asked, the time of one integrated-gradients map (capture and map) and the peak
 * memory after it. Printed as {@code name=value} lines.
 */
public final class ExplainBench {

    private ExplainBench() {}

    /**
     * @param igSteps path steps of the integrated-gradients map timed at the end, or 0 for none
     */
    public static int run(
            IchModel model, long seed, int warmup, int runs, int igSteps, PrintWriter out)
            throws IchException {
        NetworkConfig net = model.config();
        PreprocessedStudy study =
                new Preprocessor(model.preprocessing()).preprocess(BenchHead.create(seed));
        Explainer explainer = new Explainer(model);
        CamRequest request = CamRequest.paper(Head.VOLUME);
        out.printf(
                Locale.ROOT,
                "bench explain: ResNet-%d width %d, input %d×%d×%d, synthetic %d×%d×%d head (seed %d),"
                        + " %s; %d warm-up + %d timed runs each%n",
                net.depth(),
                net.baseWidth(),
                net.inputDepth(),
                net.inputHeight(),
                net.inputWidth(),
                BenchHead.NX,
                BenchHead.NY,
                BenchHead.NZ,
                seed,
                request.describe(),
                warmup,
                runs);
        for (int n = 0; n < warmup; n++) {
            model.predict(study.input());
            CamProjection.toStudy(
                    explainer.capture(study.input(), request), request, study.mapping());
        }
        double[] inference = new double[runs];
        double[] gradCam = new double[runs];
        double[] toStudy = new double[runs];
        double rssAfterFirstMb = Double.NaN;
        for (int n = 0; n < runs; n++) {
            long t0 = System.nanoTime();
            model.predict(study.input());
            long t1 = System.nanoTime();
            CamCapture c = explainer.capture(study.input(), request);
            float[] map =
                    CamProjection.toModelGrid(
                            c, request, net.inputDepth(), net.inputHeight(), net.inputWidth());
            long t2 = System.nanoTime();
            CamProjection.toStudy(map, request, study.mapping());
            long t3 = System.nanoTime();
            inference[n] = (t1 - t0) / 1e6;
            gradCam[n] = (t2 - t1) / 1e6;
            toStudy[n] = (t3 - t2) / 1e6;
            if (n == 0) {
                rssAfterFirstMb = MemoryFigures.rssMb("VmRSS");
            }
        }
        double inf = BenchStats.median(inference);
        double cam = BenchStats.median(gradCam);
        out.printf(Locale.ROOT, "inference_ms_median=%.1f%n", inf);
        out.printf(Locale.ROOT, "gradcam_ms_median=%.1f%n", cam);
        out.printf(Locale.ROOT, "gradcam_over_inference=%.2f%n", cam / inf);
        out.printf(Locale.ROOT, "to_study_grid_ms_median=%.1f%n", BenchStats.median(toStudy));
        out.printf(Locale.ROOT, "rss_after_first_run_mb=%.0f%n", rssAfterFirstMb);
        out.printf(Locale.ROOT, "rss_after_all_runs_mb=%.0f%n", MemoryFigures.rssMb("VmRSS"));
        out.printf(Locale.ROOT, "peak_rss_mb=%.0f%n", MemoryFigures.rssMb("VmHWM"));
        if (igSteps > 0) {
            CamRequest ig =
                    CamRequest.builder()
                            .head(Head.VOLUME)
                            .method(CamMethod.INTEGRATED_GRADIENTS)
                            .steps(igSteps)
                            .build();
            long t0 = System.nanoTime();
            CamProjection.toModelGrid(
                    explainer.capture(study.input(), ig),
                    ig,
                    net.inputDepth(),
                    net.inputHeight(),
                    net.inputWidth());
            double ms = (System.nanoTime() - t0) / 1e6;
            out.printf(Locale.ROOT, "integrated_gradients_steps=%d%n", igSteps);
            out.printf(Locale.ROOT, "integrated_gradients_ms=%.1f%n", ms);
            out.printf(Locale.ROOT, "integrated_gradients_over_inference=%.2f%n", ms / inf);
            out.printf(
                    Locale.ROOT,
                    "peak_rss_after_integrated_gradients_mb=%.0f%n",
                    MemoryFigures.rssMb("VmHWM"));
        }
        return 0;
    }
}
