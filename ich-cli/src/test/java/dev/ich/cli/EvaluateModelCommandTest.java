package dev.ich.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ich.core.preprocess.Preprocessor;
import dev.ich.dicom.AnyStudyReader;
import dev.ich.model.IchModel;
import dev.ich.phantom.PhantomSpec;
import dev.ich.phantom.cohort.CohortCase;
import dev.ich.phantom.cohort.CohortWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ich evaluate --model --manifest} on the manifest {@code ich phantoms} writes (extra
 * columns included).
 */
class EvaluateModelCommandTest {

    @TempDir Path dir;

    @Test
    void predictsEveryStudyOfTheManifestAndEvaluatesThem() throws Exception {
        Path cohort = dir.resolve("cohort");
        List<CohortCase> cases =
                new CohortWriter(
                                PhantomSpec.builder()
                                        .inPlaneSize(128)
                                        .pixelSpacingMm(1.75, 1.9)
                                        .build(),
                                21,
                                2,
                                2)
                        .write(6, cohort, n -> {});
        Path model = dir.resolve("model");
        TinyModel.train(model);

        IchCliTest.Run run =
                IchCliTest.run(
                        "evaluate",
                        "--model",
                        model.toString(),
                        "--manifest",
                        cohort.resolve(CohortWriter.MANIFEST).toString(),
                        "--out",
                        dir.resolve("out").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        double absoluteErrors = 0;
        try (IchModel direct = IchModel.load(model)) {
            Preprocessor preprocessor = new Preprocessor(direct.preprocessing());
            for (CohortCase c : cases) {
                double predicted =
                        direct.predict(
                                        preprocessor
                                                .preprocess(
                                                        AnyStudyReader.create()
                                                                .read(cohort.resolve(c.study())))
                                                .input())
                                .volumeMl();
                absoluteErrors += Math.abs(predicted - c.volumeMl());
            }
        }
        JsonObject metrics =
                JsonParser.parseString(Files.readString(dir.resolve("out/metrics.json")))
                        .getAsJsonObject();
        assertThat(metrics.get("cases").getAsInt()).isEqualTo(6);
        assertThat(metrics.getAsJsonObject("volume").get("mae").getAsDouble())
                .isCloseTo(absoluteErrors / cases.size(), within(1e-9));
        assertThat(Files.readString(dir.resolve("out/table1_volume.csv"))).contains("abc2");
    }
}
