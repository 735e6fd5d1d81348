package dev.mosaic.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the files under test are: the repository root comes from the {@code mosaic.root} system
 * property (set by the module's pom), else the parent of the working directory.
 */
public final class ObservabilityFiles {

    private ObservabilityFiles() {
    }

    public static Path repositoryRoot() {
        Path root = Path.of(System.getProperty("mosaic.root", "..")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("deploy/observability"))) {
            throw new IllegalStateException(root + " has no deploy/observability: set -Dmosaic.root to the repository root");
        }
        return root;
    }

    public static Path prometheusConfig() {
        return repositoryRoot().resolve("deploy/observability/prometheus.yml");
    }

    public static Path grafanaDashboard() {
        return repositoryRoot().resolve("deploy/observability/grafana/mosaic-dashboard.json");
    }
}
