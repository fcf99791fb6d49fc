package dev.ich.core.analysis.batch;

import dev.ich.core.analysis.IchAnalyzer;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A running batch: the results in the order they complete. Taking a result lets the next study
 * start, so the source is read only as fast as results are consumed. Not thread-safe: one thread
 * takes the results. {@link #close()} cancels the studies not yet started and waits for the running
 * ones.
 */
public final class BatchRun implements Iterator<BatchResult>, AutoCloseable {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final IchAnalyzer analyzer;
    private final Iterator<BatchStudy> source;
    private final int capacity;
    private final ExecutorService pool;
    private final CompletionService<BatchResult> completed;
    private int inFlight;
    private long nextIndex;
    private boolean closed;

    BatchRun(IchAnalyzer analyzer, Iterator<BatchStudy> source, int workers, int capacity) {
        this.analyzer = analyzer;
        this.source = source;
        this.capacity = capacity;
        int run = RUNS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.pool =
                Executors.newFixedThreadPool(
                        workers,
                        r -> {
                            Thread t =
                                    new Thread(
                                            r,
                                            "ich-batch-" + run + "-" + threads.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        this.completed = new ExecutorCompletionService<>(pool);
    }

    @Override
    public boolean hasNext() {
        fill();
        return inFlight > 0;
    }

    /** The next result to complete; waits for it. */
    @Override
    public BatchResult next() {
        fill();
        if (inFlight == 0) {
            throw new NoSuchElementException("the batch has no more studies");
        }
        try {
            Future<BatchResult> done = completed.take();
            inFlight--;
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a study's result", e);
        } catch (ExecutionException e) {
            // Only an Error (out of memory, a native crash reported as one) gets here: stop the
            // run.
            throw new IllegalStateException("a batch worker failed: " + e.getCause(), e.getCause());
        }
    }

    /** The remaining results as a stream; closing the stream closes the run. */
    public Stream<BatchResult> stream() {
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(this, Spliterator.NONNULL), false)
                .onClose(this::close);
    }

    private void fill() {
        if (closed) {
            throw new IllegalStateException("this batch run is closed");
        }
        while (inFlight < capacity && source.hasNext()) {
            BatchStudy study = source.next();
            long index = nextIndex++;
            completed.submit(() -> BatchResult.analyse(analyzer, index, study));
            inFlight++;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pool.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
