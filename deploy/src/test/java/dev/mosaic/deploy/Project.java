package dev.mosaic.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/**
 * The repository the manifests deploy: where each module's configuration, README and Dockerfile
 * are, so that the manifests can be checked against what the applications really read.
 *
 * @param root    the repository's root directory
 * @param version the project version, the tag of Mosaic's images
 */
record Project(Path root, String version) {

    /** Mosaic's images are {@code mosaic/<module>:<version>}, built by {@code <module>/Dockerfile}. */
    static final String IMAGE_PREFIX = "mosaic/";

    private static final Pattern IMAGE = Pattern.compile("mosaic/([a-z-]+):(.+)");

    /** The project this test runs in: Maven's {@code basedir} is {@code deploy/}. */
    static Project current() {
        Path deploy = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        return new Project(deploy.getParent(), System.getProperty("project.version"));
    }

    Path k8s() {
        return root.resolve("deploy/k8s");
    }

    /** The module an image of Mosaic's names, or empty for any other image. */
    Optional<Module> module(String image) {
        Matcher m = IMAGE.matcher(image == null ? "" : image);
        return m.matches() ? Optional.of(new Module(m.group(1), m.group(2), root.resolve(m.group(1)))) : Optional.empty();
    }

    /**
     * One module of the project, as an image names it.
     *
     * @param name the module's directory name
     * @param tag  the image's tag
     * @param dir  the module's directory
     */
    record Module(String name, String tag, Path dir) {

        boolean exists() {
            return Files.isRegularFile(dir.resolve("pom.xml"));
        }

        /** Every property its {@code application*.yml} files set, flattened to {@code a.b.c}. */
        Map<String, String> applicationProperties() {
            Map<String, String> properties = new LinkedHashMap<>();
            Path resources = dir.resolve("src/main/resources");
            if (!Files.isDirectory(resources)) {
                return properties;
            }
            try (Stream<Path> files = Files.list(resources)) {
                for (Path file : files.filter(f -> f.getFileName().toString().matches("application.*\\.ya?ml"))
                        .sorted().toList()) {
                    for (JsonNode document : KubernetesYaml.documents(file.toString(), Kustomization.read(file))) {
                        flatten("", document, properties, file.getFileName().toString().equals("application.yml"));
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return properties;
        }

        /** The port the actuator answers on: {@code management.server.port}, else {@code server.port}. */
        int actuatorPort() {
            Map<String, String> properties = applicationProperties();
            return Integer.parseInt(properties.getOrDefault("management.server.port", properties.get("server.port")));
        }

        int serverPort() {
            return Integer.parseInt(applicationProperties().get("server.port"));
        }

        boolean hasManagementPort() {
            return applicationProperties().containsKey("management.server.port");
        }

        String readme() {
            Path readme = dir.resolve("README.md");
            return Files.isRegularFile(readme) ? Kustomization.read(readme) : "";
        }

        Optional<String> dockerfile() {
            Path file = dir.resolve("Dockerfile");
            return Files.isRegularFile(file) ? Optional.of(Kustomization.read(file)) : Optional.empty();
        }

        String jar() {
            return name + ".jar";
        }

        // application.yml's values win over a profile's (application-dev.yml) for ports and the like;
        // a profile's keys still count as properties the module has
        private static void flatten(String prefix, JsonNode node, Map<String, String> into, boolean base) {
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into, base);
                }
            } else if (base) {
                into.put(prefix, node.isArray() ? node.toString() : node.asString());
            } else {
                into.putIfAbsent(prefix, node.isArray() ? node.toString() : node.asString());
            }
        }
    }

    /** Every directory holding a kustomization under {@code deploy/k8s}: the base and its overlays. */
    List<Path> kustomizations() {
        try (Stream<Path> files = Files.walk(k8s())) {
            return files.filter(f -> f.getFileName().toString().equals(Kustomization.FILE))
                    .map(Path::getParent).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
