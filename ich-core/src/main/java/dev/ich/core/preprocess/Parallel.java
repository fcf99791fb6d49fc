package dev.ich.core.preprocess;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Runs independent tasks {@code 0 … n−1} on at most {@code threads} threads: the caller's and
 * {@code threads − 1} short-lived ones. Tasks are handed out one at a time, so uneven tasks (slices
 * with and without head) still balance. Each thread gets its own worker from {@code workers}, so
 * workers can keep scratch arrays without sharing them.
 */
final class Parallel {

    private Parallel() {}

    static void forEach(int n, int threads, Supplier<IntConsumer> workers) {
        int helpers = Math.min(threads, n) - 1;
        AtomicInteger next = new AtomicInteger();
        if (helpers <= 0) {
            drain(next, n, workers.get());
            return;
        }
        Thread[] started = new Thread[helpers];
        Throwable[] failures = new Throwable[helpers];
        for (int t = 0; t < helpers; t++) {
            int slot = t;
            IntConsumer worker = workers.get();
            started[t] =
                    new Thread(
                            () -> {
                                try {
                                    drain(next, n, worker);
                                } catch (Throwable e) { // handed to the caller below, never lost
                                    failures[slot] = e;
                                }
                            },
                            "ich-preprocess-" + t);
            started[t].setDaemon(true);
            started[t].start();
        }
        RuntimeException failure = null;
        try {
            drain(next, n, workers.get());
        } catch (RuntimeException e) {
            failure = e;
            next.set(n); // let the helpers stop early
        }
        boolean interrupted = false;
        for (int t = 0; t < helpers; t++) {
            while (true) {
                try {
                    started[t].join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the helpers finish soon; keep the caller's flag
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (Throwable f : failures) {
            if (f instanceof Error) {
                throw (Error) f; // out of memory and the like: as the caller would have seen it
            }
            if (f != null) {
                if (failure == null) {
                    failure =
                            f instanceof RuntimeException
                                    ? (RuntimeException) f
                                    : new IllegalStateException(f);
                } else {
                    failure.addSuppressed(f);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void drain(AtomicInteger next, int n, IntConsumer worker) {
        for (int task = next.getAndIncrement(); task < n; task = next.getAndIncrement()) {
            worker.accept(task);
        }
    }
}
