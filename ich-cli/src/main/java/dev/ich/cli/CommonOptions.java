package dev.ich.cli;

import picocli.CommandLine.Option;

/** Options every sub-command takes; mixed in with {@code @Mixin}. */
final class CommonOptions {

    @Option(names = "--debug", description = "Print the stack trace of an error.")
    boolean debug;
}
