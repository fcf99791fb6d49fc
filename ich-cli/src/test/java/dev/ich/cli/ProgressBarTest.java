package dev.ich.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void showsCountsElapsedTimeAndTimeLeft() {
        AtomicLong now = new AtomicLong(0);
        StringWriter text = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(text), "phantoms", 10, now::get)) {
            now.set(20_000_000_000L); // 20 s for the first 4 studies: 5 s each, 6 left → 30 s.
            bar.step(4);
            assertThat(bar.render(now.get())).isEqualTo("phantoms [############------------------] 4/10 0:20 ~0:30 left");
            bar.status("loss 0.123");
            assertThat(text.toString()).endsWith("0:30 left  loss 0.123");
            bar.step(6);
            assertThat(bar.render(now.get())).startsWith("phantoms [" + "#".repeat(30) + "] 10/10 0:20").doesNotContain("left");
        }
        assertThat(text.toString()).endsWith(System.lineSeparator());
    }
}
