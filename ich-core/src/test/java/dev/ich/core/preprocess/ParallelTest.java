package dev.ich.core.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void everyTaskRunsExactlyOnceOnAtMostTheGivenThreads() {
        for (int threads = 1; threads <= 4; threads++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(37);
            Set<Thread> used = ConcurrentHashMap.newKeySet();
            Parallel.forEach(
                    37,
                    threads,
                    () ->
                            task -> {
                                used.add(Thread.currentThread());
                                runs.incrementAndGet(task);
                            });
            for (int t = 0; t < 37; t++) {
                assertThat(runs.get(t)).as("task %d on %d threads", t, threads).isEqualTo(1);
            }
            assertThat(used.size()).isBetween(1, threads);
        }
    }

    @Test
    void aFailureInAHelperThreadReachesTheCaller() {
        Thread caller = Thread.currentThread();
        assertThatThrownBy(
                        () ->
                                Parallel.forEach(
                                        50,
                                        2,
                                        () ->
                                                task -> {
                                                    if (Thread.currentThread() != caller) {
                                                        throw new IllegalStateException(
                                                                "helper failed on task " + task);
                                                    }
                                                    sleepBriefly();
                                                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("helper failed");
    }

    @Test
    void aFailureInTheCallersShareIsThrown() {
        assertThatThrownBy(
                        () ->
                                Parallel.forEach(
                                        3,
                                        1,
                                        () ->
                                                task -> {
                                                    throw new IllegalArgumentException(
                                                            "task " + task);
                                                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task 0");
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
