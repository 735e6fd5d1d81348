package dev.mosaic.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.HasMetadata;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code kubectl apply -k <dir>} would send, computed offline: the subset of kustomize the
 * Mosaic manifests use, and nothing more (a field outside it is refused, so that a kustomization
 * cannot say something this validation silently skips).
 *
 * <ul>
 *   <li>{@code resources}: manifest files, or directories holding a kustomization (a base);</li>
 *   <li>{@code configMapGenerator}: {@code name} and {@code files} (each file a key of that name);</li>
 *   <li>{@code patches}: {@code path} to strategic-merge patches, applied to the resource of the same
 *       kind and name ({@link StrategicMerge});</li>
 *   <li>{@code namespace}: set on every resource but Namespaces, after the patches (so an overlay's
 *       patch names the base's namespace, or kustomize finds no target for it);</li>
 *   <li>{@code apiVersion}, {@code kind}: read.</li>
 * </ul>
 *
 * Kustomize also suffixes a generated ConfigMap's name with a hash of its contents and rewrites the
 * references; the rendered resources here keep the plain name, which is what the manifests refer to.
 */
final class Kustomization {

    static final String FILE = "kustomization.yaml";

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "namespace", "resources",
            "configMapGenerator", "patches");
    private static final Set<String> GENERATOR_FIELDS = Set.of("name", "files");
    private static final Set<String> PATCH_FIELDS = Set.of("path");

    private Kustomization() {
    }

    /** The rendered resources of the kustomization in {@code directory}, each read against the API model. */
    static Rendered render(Path directory) {
        Collector collector = new Collector();
        collect(directory.normalize(), collector);
        List<Rendered.Resource> resources = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> entry : collector.documents.entrySet()) {
            String source = collector.sources.get(entry.getKey());
            HasMetadata model = KubernetesYaml.resource(source, entry.getValue());
            resources.add(new Rendered.Resource(source, model));
        }
        return new Rendered(resources, collector.generatedFiles, collector.files);
    }

    private static void collect(Path directory, Collector into) {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new InvalidManifestException(directory + ": no " + FILE);
        }
        into.files.add(file);
        List<JsonNode> documents = KubernetesYaml.documents(file.toString(), read(file));
        if (documents.size() != 1 || !documents.get(0).isObject()) {
            throw new InvalidManifestException(file + ": one mapping expected");
        }
        JsonNode kustomization = documents.get(0);
        refuseUnknown(file.toString(), kustomization, FIELDS);
        Set<String> before = Set.copyOf(into.documents.keySet());
        for (JsonNode entry : kustomization.path("resources")) {
            Path resource = directory.resolve(entry.asString()).normalize();
            if (Files.isDirectory(resource)) {
                collect(resource, into);
            } else if (Files.isRegularFile(resource)) {
                into.files.add(resource);
                for (JsonNode document : KubernetesYaml.documents(resource.toString(), read(resource))) {
                    into.add(resource.toString(), (ObjectNode) document);
                }
            } else {
                throw new InvalidManifestException(file + ": resources: " + entry.asString() + " does not exist");
            }
        }
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            refuseUnknown(file + ": configMapGenerator", generator, GENERATOR_FIELDS);
            String name = generator.path("name").asString("");
            ObjectNode configMap = KubernetesYaml.MAPPER.createObjectNode();
            configMap.put("apiVersion", "v1").put("kind", "ConfigMap").putObject("metadata").put("name", name);
            ObjectNode data = configMap.putObject("data");
            List<Path> generated = new ArrayList<>();
            for (JsonNode entry : generator.path("files")) {
                Path source = directory.resolve(entry.asString()).normalize();
                if (!source.startsWith(directory)) {
                    // kustomize's default load restrictor refuses files outside the kustomization's directory
                    throw new InvalidManifestException(file + ": configMapGenerator " + name + ": " + entry.asString()
                            + " is outside " + directory + " (kustomize refuses it)");
                }
                if (!Files.isRegularFile(source)) {
                    throw new InvalidManifestException(file + ": configMapGenerator " + name + ": "
                            + entry.asString() + " does not exist");
                }
                into.files.add(source);
                generated.add(source);
                data.put(source.getFileName().toString(), read(source));
            }
            into.generatedFiles.put(name, List.copyOf(generated));
            into.add(file + " (configMapGenerator " + name + ")", configMap);
        }
        for (JsonNode patch : kustomization.path("patches")) {
            refuseUnknown(file + ": patches", patch, PATCH_FIELDS);
            Path path = directory.resolve(patch.path("path").asString()).normalize();
            if (!Files.isRegularFile(path)) {
                throw new InvalidManifestException(file + ": patches: " + path + " does not exist");
            }
            into.files.add(path);
            for (JsonNode document : KubernetesYaml.documents(path.toString(), read(path))) {
                String key = Collector.key(document);
                ObjectNode target = into.documents.get(key);
                if (target == null) {
                    throw new InvalidManifestException(path + ": patches " + key + ", which no resource is");
                }
                StrategicMerge.apply(target, (ObjectNode) document);
                into.sources.put(key, into.sources.get(key) + " + " + path);
            }
        }
        String namespace = kustomization.path("namespace").asString("");
        if (!namespace.isEmpty()) {
            into.setNamespace(namespace, before);
        }
    }

    private static void refuseUnknown(String where, JsonNode node, Set<String> known) {
        for (String field : node.propertyNames()) {
            if (!known.contains(field)) {
                throw new InvalidManifestException(where + ": " + field + " is not a field this validation "
                        + "understands " + known + "; extend Kustomization before using it");
            }
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Documents by {@code apiVersion/kind/name}, in order; two with one key are refused (kustomize does too). */
    private static final class Collector {
        final Map<String, ObjectNode> documents = new LinkedHashMap<>();
        final Map<String, String> sources = new LinkedHashMap<>();
        final Map<String, List<Path>> generatedFiles = new LinkedHashMap<>();
        final Set<Path> files = new LinkedHashSet<>();

        void add(String source, ObjectNode document) {
            String key = key(document);
            if (documents.putIfAbsent(key, document) != null) {
                throw new InvalidManifestException(source + ": " + key + " is defined twice (also in "
                        + sources.get(key) + ")");
            }
            sources.put(key, source);
        }

        /**
         * Kustomize's namespace transformer, run after the kustomization's own patches: every
         * resource this kustomization collected (its bases' included) moves to {@code namespace}.
         * A patch in an overlay must then name that namespace too, as kustomize requires.
         */
        void setNamespace(String namespace, Set<String> before) {
            Map<String, ObjectNode> renamed = new LinkedHashMap<>();
            Map<String, String> renamedSources = new LinkedHashMap<>();
            for (Map.Entry<String, ObjectNode> entry : documents.entrySet()) {
                ObjectNode document = entry.getValue();
                if (!before.contains(entry.getKey()) && !document.path("kind").asString("").equals("Namespace")) {
                    ((ObjectNode) document.get("metadata")).put("namespace", namespace);
                }
                renamed.put(key(document), document);
                renamedSources.put(key(document), sources.get(entry.getKey()));
            }
            documents.clear();
            documents.putAll(renamed);
            sources.clear();
            sources.putAll(renamedSources);
        }

        /** {@code kind/namespace/name}, the namespace empty when none is set. */
        static String key(JsonNode document) {
            JsonNode metadata = document.path("metadata");
            return document.path("kind").asString("") + "/" + metadata.path("namespace").asString("") + "/"
                    + metadata.path("name").asString("");
        }
    }
}
