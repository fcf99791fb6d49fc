package dev.ich.core.analysis.batch;

import dev.ich.core.analysis.IchAnalyzer;
import java.util.Iterator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Analyses many studies with one shared {@link IchAnalyzer}, several at once.
 *
 * <pre>{@code
 * BatchAnalyzer batch = BatchAnalyzer.builder(analyzer).workers(2).build();
 * try (BatchRun run = batch.run(studies.iterator())) {
 *     run.forEachRemaining(result -> table.add(result));
 * }
 * }</pre>
 *
 * <p>The analyzer is not closed by the batch. libtorch's intra-op threads are one setting for the
 * whole process: give each worker its share ({@link #threadsPerWorker(int)}) through ich-model's
 * {@code IchModel.setIntraOpThreads}, and the analyzer's preprocessing threads the same share.
 */
public final class BatchAnalyzer {

    private final IchAnalyzer analyzer;
    private final int workers;
    private final int queued;

    private BatchAnalyzer(Builder b) {
        this.analyzer = b.analyzer;
        this.workers = b.workers;
        this.queued = b.queued;
    }

    /** A batch over {@code analyzer}; one worker and as many queued studies by default. */
    public static Builder builder(IchAnalyzer analyzer) {
        return new Builder(Objects.requireNonNull(analyzer, "analyzer"));
    }

    /**
     * Starts analysing {@code studies}, taking from the iterator only while fewer than {@code
     * workers + queued} studies are started and not yet taken as results (back-pressure on the
     * source). Close the run to stop it early.
     */
    public BatchRun run(Iterator<BatchStudy> studies) {
        return new BatchRun(
                analyzer, Objects.requireNonNull(studies, "studies"), workers, workers + queued);
    }

    /** As {@link #run(Iterator)} for a stream, which is read lazily. */
    public BatchRun run(Stream<BatchStudy> studies) {
        return run(studies.iterator());
    }

    /** The workers: studies analysed at once. */
    public int workers() {
        return workers;
    }

    /**
     * libtorch and preprocessing threads for each of {@code workers} on this machine (at least 1).
     */
    public static int threadsPerWorker(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
    }

    /** Builds a {@link BatchAnalyzer}. */
    public static final class Builder {
        private final IchAnalyzer analyzer;
        private int workers = 1;
        private int queued = -1;

        private Builder(IchAnalyzer analyzer) {
            this.analyzer = analyzer;
        }

        /** Studies analysed at once; 1 by default. */
        public Builder workers(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("workers must be at least 1, got " + value);
            }
            this.workers = value;
            return this;
        }

        /**
         * Studies started beyond the workers' so none waits for the next to be read; as many as
         * workers by default. Results not yet taken count against it.
         */
        public Builder queued(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("queued must not be negative, got " + value);
            }
            this.queued = value;
            return this;
        }

        /** The batch analyzer. */
        public BatchAnalyzer build() {
            if (queued < 0) {
                queued = workers;
            }
            return new BatchAnalyzer(this);
        }
    }
}
