package dev.ich.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.core.error.IchException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchStatsTest {

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(BenchStats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(BenchStats.median(new double[] {5, 1, 3})).isEqualTo(3);
    }

    /**
     * The partner runs right after each of the task's runs, warm-up included, and the ratio is the
     * median of the pairs' ratios (10/10, 30/5, 20/40 → 1), not the ratio of the medians (20/10).
     */
    @Test
    void pairedRunsAlternateAndTheRatioIsTakenPairByPair() throws IchException {
        List<String> order = new ArrayList<>();
        double[] task = {999, 10, 30, 20};
        double[] partner = {999, 10, 5, 40};
        int[] next = {0, 0};
        BenchStats.Paired p =
                BenchStats.Paired.measure(
                        () -> {
                            order.add("task");
                            return task[next[0]++];
                        },
                        () -> {
                            order.add("partner");
                            return new BenchStats.Timing(partner[next[1]++], 1);
                        },
                        1,
                        3);
        assertThat(order)
                .containsExactly(
                        "task", "partner", "task", "partner", "task", "partner", "task", "partner");
        assertThat(p.task().wallMs()).isEqualTo(20);
        assertThat(p.partner().wallMs()).isEqualTo(10);
        assertThat(p.wallRatio()).isEqualTo(1);
    }
}
