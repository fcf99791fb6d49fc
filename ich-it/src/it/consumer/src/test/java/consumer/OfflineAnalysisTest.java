package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ich.core.analysis.AnalysisResult;
import dev.ich.core.analysis.Head;
import dev.ich.core.analysis.IchAnalyzer;
import dev.ich.core.analysis.StudyHeatmap;
import dev.ich.dicom.AnyStudyReader;
import dev.ich.dicom.write.DicomSeriesWriter;
import dev.ich.eval.estimators.SegmentationVolumeEstimator;
import dev.ich.eval.estimators.VolumeMethod;
import dev.ich.explain.Explainer;
import dev.ich.model.IchModel;
import dev.ich.phantom.Phantom;
import dev.ich.phantom.PhantomGenerator;
import dev.ich.phantom.PhantomSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library as an application uses it, with no network: a phantom study, a tiny model, an analysis with a heatmap. */
class OfflineAnalysisTest {

    @BeforeAll
    static void cutTheNetwork() {
        NetworkGuard.install();
    }

    @AfterAll
    static void noConnectionWasAttempted() {
        assertEquals(List.of(), NetworkGuard.attempts(), "network connection attempts");
    }

    @Test
    void analysesAPhantomWithAnExplainer(@TempDir Path dir) throws Exception {
        Phantom phantom = PhantomGenerator.generate(PhantomSpec.builder().inPlaneSize(256).targetVolumeMl(20).seed(7)
            .build());
        Path study = dir.resolve("study");
        DicomSeriesWriter.builder().uidSeed("consumer").build().write(phantom.volume(), study);
        Path modelDir = dir.resolve("model");
        TinyModel.train(modelDir);

        try (IchModel model = IchModel.load(modelDir);
             IchAnalyzer analyzer = IchAnalyzer.builder()
                .reader(AnyStudyReader.create())
                .model(model)
                .explainer(Explainer.forModel(model)).explain(Head.VOLUME)
                .estimators(SegmentationVolumeEstimator.of(VolumeMethod.ABC2))
                .build()) {
            AnalysisResult result = analyzer.analyze(study);
            System.out.printf("consumer analysis: %.2f ml, P(death) %.3f, ABC/2 %s, true %.2f ml%n", result.volumeMl(),
                result.probabilityOfDeath(), result.classicalEstimatesMl(), phantom.mask().volumeMl());
            assertTrue(Double.isFinite(result.volumeMl()) && result.volumeMl() >= 0, "volume " + result.volumeMl());
            assertTrue(result.probabilityOfDeath() >= 0 && result.probabilityOfDeath() <= 1);
            double abc2 = result.classicalEstimatesMl().values().iterator().next();
            double truth = phantom.mask().volumeMl();
            assertTrue(abc2 > truth / 3 && abc2 < truth * 3, "ABC/2 " + abc2 + " ml for a " + truth + " ml bleed");
            StudyHeatmap heatmap = result.heatmaps().get(Head.VOLUME);
            assertNotNull(heatmap, "volume heatmap");
            assertEquals(phantom.volume().geometry().voxelCount(), heatmap.normalised().length,
                "the heatmap lies on the study's grid");
        }
    }

    @Test
    void theRuntimeClasspathHoldsNoPlottingLibrary() throws IOException {
        String classpath = Files.readString(Path.of("target", "runtime-classpath.txt")).trim();
        List<Path> jars = Arrays.stream(classpath.split(File.pathSeparator)).map(Path::of).toList();
        long bytes = 0;
        for (Path jar : jars) {
            long size = Files.size(jar);
            bytes += size;
            System.out.printf("  %-60s %,12d bytes%n", jar.getFileName(), size);
        }
        System.out.printf("consumer runtime classpath: %d jars, %,d bytes (%.1f MB)%n", jars.size(), bytes, bytes / 1e6);
        assertFalse(classpath.contains("jfreechart"), classpath);
        String tree = Files.readString(Path.of("target", "dependency-tree.txt"));
        assertFalse(tree.contains("org.jfree"), tree);
        assertTrue(tree.contains("ai.djl.pytorch:pytorch-jni"), tree);
    }
}
