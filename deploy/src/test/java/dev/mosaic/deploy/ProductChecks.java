package dev.mosaic.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * What the manifests say about the product's own files: the images are the ones the modules'
 * Dockerfiles build, and the compositions ConfigMap is the compositions the product ships.
 */
final class ProductChecks {

    /** The ConfigMap holding the compositions the gateway and the composer serve. */
    static final String COMPOSITIONS = "mosaic-compositions";

    private ProductChecks() {
    }

    /**
     * Every Mosaic image is {@code mosaic/<module>:<project version>}, built by that module's
     * Dockerfile from that module's jar, which exposes every port the container declares.
     */
    static List<String> images(Rendered rendered, Project project) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : rendered.deployments()) {
            for (Container container : WorkloadChecks.pod(deployment).getContainers()) {
                String where = WorkloadChecks.where(deployment, container);
                String image = container.getImage();
                if (image == null || !image.matches("[^:@]+[:@].+")) {
                    problems.add(where + ": image " + image + " has no tag");
                    continue;
                }
                if (image.startsWith(Project.IMAGE_PREFIX)) {
                    Optional<Project.Module> module = project.module(image);
                    if (module.isEmpty() || !module.get().exists()) {
                        problems.add(where + ": " + image + " names no module of the project");
                        continue;
                    }
                    if (!module.get().tag().equals(project.version())) {
                        problems.add(where + ": " + image + " is not tagged with the project version " + project.version());
                    }
                    Optional<String> dockerfile = module.get().dockerfile();
                    Path path = module.get().dir().resolve("Dockerfile");
                    if (dockerfile.isEmpty()) {
                        problems.add(where + ": " + image + " needs " + path);
                        continue;
                    }
                    if (!dockerfile.get().contains("COPY target/" + module.get().jar() + " ")) {
                        problems.add(where + ": " + path + " does not copy target/" + module.get().jar());
                    }
                    String exposed = dockerfile.get().lines().filter(l -> l.startsWith("EXPOSE ")).findFirst().orElse("");
                    for (var port : container.getPorts()) {
                        if (!List.of(exposed.substring(Math.min(7, exposed.length())).split(" "))
                                .contains(String.valueOf(port.getContainerPort()))) {
                            problems.add(where + ": " + path + " does not EXPOSE " + port.getContainerPort());
                        }
                    }
                }
            }
        }
        return problems;
    }

    /**
     * The compositions ConfigMap holds every composition the product ships, byte for byte, and
     * every Mosaic container that reads {@code MOSAIC_COMPOSITIONS_LOCATION} has it mounted there.
     */
    static List<String> compositions(Rendered rendered, Project project) {
        List<String> problems = new ArrayList<>();
        Path shipped = project.root().resolve("compositions/src/main/resources/compositions");
        List<Path> files;
        try (Stream<Path> list = Files.list(shipped)) {
            files = list.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<ConfigMap> configMap = rendered.configMap(COMPOSITIONS);
        if (configMap.isEmpty()) {
            return List.of("no ConfigMap " + COMPOSITIONS);
        }
        Map<String, String> data = configMap.get().getData() == null ? Map.of() : configMap.get().getData();
        for (Path file : files) {
            String key = file.getFileName().toString();
            if (!data.containsKey(key)) {
                problems.add(COMPOSITIONS + ": " + key + " ships with the product but is not in the ConfigMap");
            } else if (!data.get(key).equals(Kustomization.read(file))) {
                problems.add(COMPOSITIONS + ": " + key + " differs from " + file + " (copy it again)");
            }
        }
        for (Deployment deployment : rendered.deployments()) {
            for (Container container : WorkloadChecks.pod(deployment).getContainers()) {
                String location = WorkloadChecks.env(container, "MOSAIC_COMPOSITIONS_LOCATION");
                if (location == null) {
                    continue;
                }
                boolean mounted = container.getVolumeMounts() != null && container.getVolumeMounts().stream()
                        .anyMatch(m -> m.getMountPath().equals(location) && WorkloadChecks.pod(deployment).getVolumes()
                                .stream().anyMatch(v -> v.getName().equals(m.getName()) && v.getConfigMap() != null
                                        && COMPOSITIONS.equals(v.getConfigMap().getName())));
                if (!mounted) {
                    problems.add(WorkloadChecks.where(deployment, container) + ": reads compositions from " + location
                            + ", where " + COMPOSITIONS + " is not mounted");
                }
            }
        }
        return problems;
    }
}
