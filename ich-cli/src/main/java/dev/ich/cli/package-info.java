/**
 * The {@code ich} command line (picocli): one class per sub-command, wired together in {@link
 * dev.ich.cli.IchCli}. Run it through the {@code ./ich} launcher at the repository root.
 */
package dev.ich.cli;
