package dev.ich.core.analysis.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.core.analysis.IchAnalyzer;
import dev.ich.core.analysis.IchPredictor;
import dev.ich.core.analysis.Prediction;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.core.preprocess.PreprocessingConfig;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.Provenance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The batch's own behaviour with a transparent network (∛ml = 10 × mean input): every study gets
 * the result a serial analysis gives, failures become rows, studies run at once, and the source is
 * read no faster than results are taken.
 */
class BatchAnalyzerTest {

    private static final PreprocessingConfig SMALL =
            PreprocessingConfig.paper().toBuilder().targetShape(4, 8, 8).build();

    /** Mean-intensity network that records how many calls overlap. */
    static final class SlowMeanPredictor implements IchPredictor {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        @Override
        public PreprocessingConfig preprocessing() {
            return SMALL;
        }

        @Override
        public Prediction predict(ModelInput input) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            double sum = 0;
            for (float v : input.data()) {
                sum += v;
            }
            double mean = sum / input.size();
            return Prediction.of(10 * mean, mean, 0.5);
        }

        @Override
        public String parametersSha256() {
            return "cd".repeat(32);
        }
    }

    /**
     * A head whose bleed is {@code n} voxels wide; "broken-*" cannot be read, "boom-*" is a defect.
     */
    private static CtVolume read(Path path) throws IchException {
        String name = path.getFileName().toString();
        if (name.startsWith("broken")) {
            throw new IchException(
                    ErrorCode.TRUNCATED_FILE,
                    path.toString(),
                    "the file ends early",
                    "Copy it again");
        }
        if (name.startsWith("boom")) {
            throw new IllegalStateException("simulated defect");
        }
        int n = Integer.parseInt(name.substring(name.indexOf('-') + 1));
        VolumeGeometry g = VolumeGeometry.axial(16, 16, 6, new Vec3(1, 1, 5), Vec3.ZERO);
        float[] hu = new float[g.voxelCount()];
        for (int k = 0; k < 6; k++) {
            for (int j = 0; j < 16; j++) {
                for (int i = 0; i < 16; i++) {
                    boolean head = i >= 2 && i < 14 && j >= 2 && j < 14;
                    boolean bleed = i >= 4 && i < 4 + n && j >= 6 && j < 9 && k >= 2 && k < 4;
                    hu[g.index(i, j, k)] = bleed ? 75 : head ? 35 : -1000;
                }
            }
        }
        return new CtVolume(
                g, hu, new Provenance("1.2.3." + n, 6, 6, "1.2.840.10008.1.2.1", List.of()));
    }

    private static List<BatchStudy> studies() {
        List<BatchStudy> list = new ArrayList<>();
        for (int n = 1; n <= 8; n++) {
            list.add(BatchStudy.of(Path.of("study-" + n)));
        }
        list.add(3, BatchStudy.of(Path.of("broken-1")));
        list.add(new BatchStudy("defect", Path.of("boom-1"), Map.of("site", "B")));
        return list;
    }

    @Test
    void everyStudyGetsTheSerialResultOrItsErrorAndStudiesRunAtOnce() throws Exception {
        SlowMeanPredictor model = new SlowMeanPredictor();
        IchAnalyzer analyzer =
                IchAnalyzer.builder()
                        .reader(BatchAnalyzerTest::read)
                        .model(model)
                        .threads(1)
                        .build();
        List<BatchStudy> studies = studies();
        Map<Long, BatchResult> byIndex = new TreeMap<>();
        try (BatchRun run =
                BatchAnalyzer.builder(analyzer).workers(3).build().run(studies.stream())) {
            run.forEachRemaining(r -> byIndex.put(r.index(), r));
        }
        assertThat(byIndex).hasSize(studies.size());
        assertThat(model.mostAtOnce.get()).isGreaterThan(1).isLessThanOrEqualTo(3);
        for (BatchResult r : byIndex.values()) {
            BatchStudy study = studies.get((int) r.index());
            assertThat(r.study()).isEqualTo(study);
            String name = study.path().toString();
            if (name.startsWith("broken")) {
                assertThat(r.errorCode()).isEqualTo(ErrorCode.TRUNCATED_FILE);
                assertThat(r.errorMessage())
                        .isEqualTo("broken-1: the file ends early. Copy it again.");
                assertThat(r.result()).isEmpty();
            } else if (name.startsWith("boom")) {
                assertThat(r.errorCode()).isEqualTo(ErrorCode.UNEXPECTED_FAILURE);
                assertThat(r.errorMessage()).contains("boom-1", "simulated defect");
                assertThat(r.study().columns()).containsEntry("site", "B");
            } else {
                assertThat(r.succeeded()).isTrue();
                double serial = analyzer.analyze(study.path()).volumeMl();
                assertThat(r.analysis().volumeMl()).isEqualTo(serial);
                assertThat(r.analysis().provenance().seriesInstanceUid())
                        .isEqualTo("1.2.3." + name.substring(6));
            }
        }
        // A bigger bleed gives a bigger volume: the results are not mixed up between studies.
        double[] volumes =
                byIndex.values().stream()
                        .filter(BatchResult::succeeded)
                        .sorted((a, b) -> a.study().key().compareTo(b.study().key()))
                        .mapToDouble(r -> r.analysis().volumeMl())
                        .toArray();
        for (int i = 1; i < volumes.length; i++) {
            assertThat(volumes[i]).isGreaterThan(volumes[i - 1]);
        }
    }

    @Test
    void theSourceIsReadOnlyAsFastAsResultsAreTaken() throws Exception {
        IchAnalyzer analyzer =
                IchAnalyzer.builder()
                        .reader(BatchAnalyzerTest::read)
                        .model(new SlowMeanPredictor())
                        .threads(1)
                        .build();
        AtomicInteger pulled = new AtomicInteger();
        Iterator<BatchStudy> source =
                IntStream.rangeClosed(1, 1000)
                        .mapToObj(n -> BatchStudy.of(Path.of("study-" + (n % 7 + 1))))
                        .peek(s -> pulled.incrementAndGet())
                        .iterator();
        try (BatchRun run =
                BatchAnalyzer.builder(analyzer).workers(2).queued(1).build().run(source)) {
            for (int taken = 1; taken <= 5; taken++) {
                run.next();
                assertThat(pulled.get()).isLessThanOrEqualTo(taken + 3);
            }
        }
        assertThat(pulled.get()).isLessThanOrEqualTo(8);
    }
}
