package dev.ich.samples.demo;

/** How the demo reports progress: the command line shows bars; tests stay quiet. */
public interface DemoProgress {

    /** A step of {@code total} units of work begins. */
    Task begin(String name, int total);

    /** A line for the user. */
    void say(String line);

    /** One step in progress. */
    interface Task extends AutoCloseable {
        void advance(int units);

        /** A short status after the counts, e.g. the current loss. */
        void status(String text);

        @Override
        void close();
    }

    /** Reports nothing. */
    static DemoProgress quiet() {
        return new DemoProgress() {
            @Override
            public Task begin(String name, int total) {
                return new Task() {
                    @Override
                    public void advance(int units) {}

                    @Override
                    public void status(String text) {}

                    @Override
                    public void close() {}
                };
            }

            @Override
            public void say(String line) {}
        };
    }
}
