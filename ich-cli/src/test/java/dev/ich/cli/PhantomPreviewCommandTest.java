package dev.ich.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhantomPreviewCommandTest {

    @TempDir Path dir;

    @Test
    void generatesTimesDrawsAndSummarises() throws Exception {
        Path png = dir.resolve("slices.png");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                IchCli.run(
                        new String[] {
                            "phantom-preview",
                            "--size",
                            "256",
                            "--location",
                            "DEEP",
                            "--volume",
                            "25",
                            "--png",
                            png.toString(),
                            "--labels",
                            "300"
                        },
                        new PrintWriter(out, true),
                        new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .containsPattern("phantom 0: seed=-?\\d+ grid=256×256×\\d+ ")
                .containsPattern("volume_ml=(24\\.99|25\\.00)\\d haematomas=\\[DEEP:25\\.00ml\\]")
                .containsPattern("phantom_ms_median=\\d+\\.\\d")
                .contains("labels=300")
                .containsPattern("death_rate=0\\.\\d{4}")
                .contains("death_rate_deep=");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getHeight()).isEqualTo(2 * 256);
        assertThat(image.getWidth() % 256).isZero();
        // The outline row has red (the mask) in it; the plain row has none.
        boolean red = false;
        for (int y = 256; y < 512 && !red; y++) {
            for (int x = 0; x < image.getWidth() && !red; x++) {
                red = (image.getRGB(x, y) & 0xffffff) == 0xff2020;
            }
        }
        assertThat(red).isTrue();
    }

    @Test
    void refusesToOverwriteAndReportsBadSpecsInOneLine() throws Exception {
        Path png = Files.writeString(dir.resolve("mine.png"), "not to be lost");
        StringWriter err = new StringWriter();
        int code =
                IchCli.run(
                        new String[] {"phantom-preview", "--size", "256", "--png", png.toString()},
                        new PrintWriter(new StringWriter(), true),
                        new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("mine.png: the file exists");
        assertThat(Files.readString(png)).isEqualTo("not to be lost");
        StringWriter err2 = new StringWriter();
        assertThat(
                        IchCli.run(
                                new String[] {"phantom-preview", "--size", "128"},
                                new PrintWriter(new StringWriter(), true),
                                new PrintWriter(err2, true)))
                .isEqualTo(2);
        assertThat(err2.toString()).contains("field of view");
    }
}
