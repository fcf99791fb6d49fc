package dev.ich.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.cli.ProgressBar.Style;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void showsCountsElapsedTimeAndTimeLeft() {
        AtomicLong now = new AtomicLong(0);
        StringWriter text = new StringWriter();
        try (ProgressBar bar =
                new ProgressBar(new PrintWriter(text), "phantoms", 10, Style.LIVE, now::get)) {
            now.set(20 * SECOND); // 20 s for the first 4 studies: 5 s each, 6 left → 30 s.
            bar.step(4);
            assertThat(bar.render(now.get()))
                    .isEqualTo("phantoms [############------------------] 4/10 0:20 ~0:30 left");
            bar.status("loss 0.123");
            assertThat(text.toString()).endsWith("0:30 left  loss 0.123");
            bar.step(6);
            assertThat(bar.render(now.get()))
                    .startsWith("phantoms [" + "#".repeat(30) + "] 10/10 0:20")
                    .doesNotContain("left");
        }
        assertThat(text.toString()).startsWith("\r").endsWith(System.lineSeparator());
        assertThat(text.toString().chars().filter(c -> c == '\n').count())
                .as("one line, redrawn")
                .isEqualTo(1);
    }

    @Test
    void plainStyleWritesALinePerTenthAndNoCarriageReturn() {
        AtomicLong now = new AtomicLong(0);
        StringWriter text = new StringWriter();
        try (ProgressBar bar =
                new ProgressBar(new PrintWriter(text), "train", 1000, Style.PLAIN, now::get)) {
            for (int i = 0; i < 1000; i++) {
                now.addAndGet(SECOND / 100);
                bar.status("loss " + i);
                bar.step(1);
            }
        }
        String log = text.toString();
        assertThat(log).doesNotContain("\r");
        // The first step, then one line for each of the ten tenths; closing adds nothing new.
        assertThat(log.lines()).hasSize(11);
        assertThat(log.lines().findFirst().orElseThrow())
                .isEqualTo("train 1/1000 (0 %) 0:00, ~0:09 left  loss 0");
        assertThat(log.lines().skip(1).findFirst().orElseThrow())
                .isEqualTo("train 100/1000 (10 %) 0:01, ~0:09 left  loss 99");
        assertThat(log.lines().reduce((a, b) -> b).orElseThrow())
                .isEqualTo("train 1000/1000 (100 %) 0:10  loss 999");
    }

    @Test
    void plainStyleWritesAtLeastEveryHalfMinuteWhenATenthIsSlow() {
        AtomicLong now = new AtomicLong(0);
        StringWriter text = new StringWriter();
        ProgressBar bar =
                new ProgressBar(new PrintWriter(text), "predicting", 100, Style.PLAIN, now::get);
        bar.step(1);
        now.set(29 * SECOND);
        bar.step(1);
        assertThat(text.toString().lines()).hasSize(1);
        now.set(31 * SECOND);
        bar.step(1);
        assertThat(text.toString().lines())
                .hasSize(2)
                .last()
                .asString()
                .startsWith("predicting 3/100 (3 %) 0:31");
        bar.message("epoch 1/1: done");
        now.set(40 * SECOND);
        bar.close();
        assertThat(text.toString().lines())
                .hasSize(4)
                .containsSubsequence("epoch 1/1: done", "predicting 3/100 (3 %) 0:40, ~21:33 left");
    }
}
