package dev.ich.cli;

import dev.ich.model.IchModel;
import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = IchCli.class.getPackage().getImplementationVersion();
        return new String[] {
            "ich " + (version == null ? "development build" : version),
            "native: " + IchModel.cpuKernelCap().describe()
        };
    }
}
