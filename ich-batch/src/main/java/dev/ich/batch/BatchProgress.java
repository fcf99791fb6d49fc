package dev.ich.batch;

import java.time.Duration;

/**
 * How far a run is.
 *
 * @param done studies with a row, including those of an earlier run
 * @param failed of those, studies whose row is an error
 * @param resumed studies done by an earlier run and skipped by this one
 * @param total studies in the run
 * @param elapsed time since this run started
 */
public record BatchProgress(long done, long failed, long resumed, long total, Duration elapsed) {

    /** Studies completed by this run per hour, 0 before the first. */
    public double studiesPerHour() {
        long thisRun = done - resumed;
        double hours = elapsed.toNanos() / 3.6e12;
        return thisRun == 0 || hours <= 0 ? 0 : thisRun / hours;
    }

    /** The time left at this run's rate, or null before the first study completed. */
    public Duration timeLeft() {
        long thisRun = done - resumed;
        return thisRun == 0 ? null : elapsed.multipliedBy(total - done).dividedBy(thisRun);
    }
}
