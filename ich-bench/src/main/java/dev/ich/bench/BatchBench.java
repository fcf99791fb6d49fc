package dev.ich.bench;

import dev.ich.batch.ArchiveAnalysis;
import dev.ich.batch.StudyList;
import dev.ich.core.analysis.AnalysisResult;
import dev.ich.core.analysis.AnalysisStage;
import dev.ich.core.analysis.IchAnalyzer;
import dev.ich.core.analysis.batch.BatchAnalyzer;
import dev.ich.core.analysis.batch.BatchStudy;
import dev.ich.core.error.IchException;
import dev.ich.dicom.AnyStudyReader;
import dev.ich.eval.estimators.SegmentationVolumeEstimator;
import dev.ich.eval.estimators.VolumeMethod;
import dev.ich.model.IchModel;
import dev.ich.model.Preset;
import dev.ich.phantom.PhantomSpec;
import dev.ich.phantom.cohort.CohortCase;
import dev.ich.phantom.cohort.CohortWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ich bench --batch N}: N studies through {@link ArchiveAnalysis} (journal, CSV and Parquet
 * included) for the CPU and the paper preset (or those asked for), with 1 and 2 workers: studies
 * per hour, the mean time of each stage, the speed-up from 1 to 2 workers, the resident memory
 * after a warm-up tenth and at the end, and the batch's time per study against the sum of the stage
 * times of the same studies analysed one by one (what the batch adds). The studies are a pool of
 * 256² phantoms, cycled; the models are untrained (time and memory do not depend on the weights).
 */
public final class BatchBench {

    private static final int POOL = 8;
    private static final int WARMUP_PASSES = 3;
    private static final int MEASURED_PASSES = 2;

    private BatchBench() {}

    /** Runs the benchmark on {@code studies} studies for each of {@code presets}. */
    public static int run(PrintWriter out, int studies, List<Preset> presets, long seed)
            throws IchException {
        Path temp = AnalysisBench.createTempFolder();
        try {
            int pool = Math.min(POOL, studies);
            List<CohortCase> cases =
                    new CohortWriter(PhantomSpec.builder().inPlaneSize(256).build(), seed, 1, 1)
                            .write(pool, temp.resolve("pool"), n -> {});
            List<BatchStudy> list = new ArrayList<>();
            for (int i = 0; i < studies; i++) {
                Path study = temp.resolve("pool").resolve(cases.get(i % pool).study());
                list.add(new BatchStudy(i + ":" + study.getFileName(), study, Map.of()));
            }
            StudyList batch = new StudyList(list, List.of());
            int cores = Runtime.getRuntime().availableProcessors();
            out.printf(
                    Locale.ROOT,
                    "bench batch: %d studies (a pool of %d 256² phantoms, seed %d), %d processors;"
                            + " ABC/2 and planimetry, no heatmaps%n",
                    studies,
                    pool,
                    seed,
                    cores);
            for (Preset preset : presets) {
                double serialMs =
                        serialStageSumMs(out, preset, model(preset, seed), batch, pool, cores);
                double[] perHour = new double[3];
                for (int workers = 1; workers <= 2; workers++) {
                    perHour[workers] =
                            batchRun(
                                    out,
                                    preset,
                                    model(preset, seed),
                                    batch,
                                    workers,
                                    temp.resolve(
                                            preset.name().toLowerCase(Locale.ROOT) + "-" + workers),
                                    serialMs);
                }
                out.printf(
                        Locale.ROOT,
                        "%s speedup_1_to_2_workers=%.2f%n",
                        name(preset),
                        perHour[2] / perHour[1]);
            }
        } finally {
            AnalysisBench.deleteTree(temp);
        }
        return 0;
    }

    /**
     * The pool's studies one by one, all threads to one study, after {@value #WARMUP_PASSES} passes
     * over the pool that let the JIT compile the reading, preprocessing and estimation code (as it
     * is in a long batch): the mean of each stage over {@value #MEASURED_PASSES} passes and their
     * sum, in ms.
     */
    private static double serialStageSumMs(
            PrintWriter out, Preset preset, IchModel model, StudyList batch, int pool, int cores)
            throws IchException {
        IchModel.setIntraOpThreads(cores);
        StageTimes times = new StageTimes();
        try (IchAnalyzer analyzer = analyzer(model, cores)) {
            for (int pass = 0; pass < WARMUP_PASSES + MEASURED_PASSES; pass++) {
                for (int i = 0; i < pool; i++) {
                    AnalysisResult r = analyzer.analyze(batch.studies().get(i).path());
                    if (pass >= WARMUP_PASSES) {
                        times.add(r);
                    }
                }
            }
        }
        double total = times.sumOfMeans();
        out.printf(
                Locale.ROOT,
                "%s single_study_stage_ms%s sum=%.1f studies_per_hour=%.0f%n",
                name(preset),
                times.means(),
                total,
                3.6e6 / total);
        return total;
    }

    /** One batch run; prints its figures and returns its studies per hour. */
    private static double batchRun(
            PrintWriter out,
            Preset preset,
            IchModel model,
            StudyList batch,
            int workers,
            Path folder,
            double serialMs)
            throws IchException {
        int share = BatchAnalyzer.threadsPerWorker(workers);
        IchModel.setIntraOpThreads(share);
        int warmup = Math.max(2, batch.studies().size() / 10);
        MemoryFigures.Snapshot[] warm = new MemoryFigures.Snapshot[1];
        StageTimes times = new StageTimes();
        double liveHeapBefore = MemoryFigures.liveHeapMb();
        ArchiveAnalysis.Summary summary;
        try (IchAnalyzer analyzer = analyzer(model, share)) {
            summary =
                    ArchiveAnalysis.builder(analyzer, model.parametersSha256())
                            .estimators(List.of("abc2", "planimetry"))
                            .workers(workers)
                            .onResult(r -> r.result().ifPresent(times::add))
                            .progress(
                                    p -> {
                                        if (p.done() == warmup) {
                                            warm[0] = MemoryFigures.start(liveHeapBefore);
                                        }
                                    })
                            .build()
                            .run(batch, folder);
        }
        MemoryFigures.Snapshot end = MemoryFigures.end();
        if (summary.failed() > 0) {
            // The benchmark's own phantoms: a failure is a defect, and the timings would mean
            // nothing.
            throw new IllegalStateException(
                    summary.failed() + " of the benchmark's phantom studies failed");
        }
        int n = batch.studies().size();
        double msPerStudy = summary.elapsed().toNanos() / 1e6 / n;
        out.printf(
                Locale.ROOT,
                "%s workers=%d threads_per_worker=%d studies=%d failed=%d studies_per_hour=%.0f"
                        + " ms_per_study=%.1f batch_to_single_study_sum=%.3f"
                        + " wall_to_own_stage_sum=%.3f stage_ms%s%n",
                name(preset),
                workers,
                share,
                n,
                summary.failed(),
                3.6e6 / msPerStudy,
                msPerStudy,
                msPerStudy / serialMs,
                // The batch's wall time per study and worker over its studies' own stage times:
                // 1.000 when running the batch adds nothing to the stages.
                msPerStudy * workers / times.sumOfMeans(),
                times.means());
        MemoryFigures.Snapshot start = warm[0];
        out.printf(
                Locale.ROOT,
                "%s workers=%d rss_after_%d_studies_mb=%.0f rss_end_mb=%.0f rss_growth_percent=%.2f"
                        + " outside_heap_growth_percent=%.2f live_heap_before_mb=%.1f"
                        + " live_heap_end_mb=%.1f%n",
                name(preset),
                workers,
                warmup,
                start.rssMb(),
                end.rssMb(),
                MemoryFigures.growth(start.rssMb(), end.rssMb()),
                MemoryFigures.growth(start.outsideHeapMb(), end.outsideHeapMb()),
                start.liveHeapMb(),
                end.liveHeapMb());
        return 3.6e6 / msPerStudy;
    }

    /** The stage times of analysed studies: their means, and the sum of the means, in ms. */
    private static final class StageTimes {
        private final Map<AnalysisStage, Double> sums = new EnumMap<>(AnalysisStage.class);
        private int count;

        synchronized void add(AnalysisResult analysis) {
            analysis.timings()
                    .forEach((stage, d) -> sums.merge(stage, d.toNanos() / 1e6, Double::sum));
            count++;
        }

        synchronized double sumOfMeans() {
            return sums.values().stream().mapToDouble(v -> v / Math.max(1, count)).sum();
        }

        /** " read=… preprocess=… …", each stage's mean. */
        synchronized String means() {
            StringBuilder text = new StringBuilder();
            sums.forEach(
                    (stage, sum) ->
                            text.append(
                                    String.format(
                                            Locale.ROOT,
                                            " %s=%.1f",
                                            stage.name().toLowerCase(Locale.ROOT),
                                            sum / Math.max(1, count))));
            return text.toString();
        }
    }

    /** The same untrained weights for every run of a preset; each analyzer closes its own model. */
    private static IchModel model(Preset preset, long seed) {
        return IchModel.untrained(preset.network(), preset.preprocessing(), seed);
    }

    private static IchAnalyzer analyzer(IchModel model, int threads) {
        return IchAnalyzer.builder()
                .reader(AnyStudyReader.create())
                .model(model)
                .threads(threads)
                .estimators(
                        SegmentationVolumeEstimator.of(VolumeMethod.ABC2),
                        SegmentationVolumeEstimator.of(VolumeMethod.PLANIMETRY))
                .build();
    }

    private static String name(Preset preset) {
        return "preset=" + preset.name().toLowerCase(Locale.ROOT);
    }
}
