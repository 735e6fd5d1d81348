package dev.mosaic.deploy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads Kubernetes manifests into fabric8's API model (classes generated from the Kubernetes
 * OpenAPI schema), refusing every field the schema does not have.
 *
 * <p>fabric8's classes accept anything: each has an {@code @JsonAnySetter} that files unknown
 * fields under {@code additionalProperties}, so a misspelt {@code readinesProbe} would be read
 * without a word (and the pod would run without its probe wherever the cluster only warns). Here
 * the any-setters are switched off and unknown properties fail, so the error names the field and
 * its path. Only the kinds and API versions Mosaic ships are known; anything else is refused too.
 *
 * <pre>{@code
 * HasMetadata resource = KubernetesYaml.resource("gateway.yaml", node);
 * }</pre>
 */
final class KubernetesYaml {

    /** {@code apiVersion/kind} → model class: what the manifests may contain. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

    static final YAMLMapper MAPPER = YAMLMapper.builder()
            .annotationIntrospector(new UnknownFieldsRefused())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private KubernetesYaml() {
    }

    /** Every document of a YAML stream, empty ones ({@code ---} at the end) left out. */
    static List<JsonNode> documents(String source, String yaml) {
        try {
            return MAPPER.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll().stream()
                    .filter(node -> node != null && !node.isNull() && !node.isMissingNode())
                    .toList();
        } catch (JacksonException e) {
            throw new InvalidManifestException(source + ": not YAML: " + e.getOriginalMessage());
        }
    }

    /** One document as its model class, every field checked against the schema. */
    static HasMetadata resource(String source, JsonNode document) {
        String apiVersion = document.path("apiVersion").asString("");
        String kind = document.path("kind").asString("");
        Class<? extends HasMetadata> type = KINDS.get(apiVersion + "/" + kind);
        if (type == null) {
            throw new InvalidManifestException(source + ": " + (apiVersion.isEmpty() ? "(no apiVersion)" : apiVersion)
                    + " " + (kind.isEmpty() ? "(no kind)" : kind) + " is not a kind the manifests may use "
                    + KINDS.keySet() + " (a removed API version, a typo, or a kind the validation does not know yet)");
        }
        try {
            HasMetadata resource = MAPPER.treeToValue(document, type);
            if (resource.getMetadata() == null || resource.getMetadata().getName() == null
                    || resource.getMetadata().getName().isBlank()) {
                throw new InvalidManifestException(source + ": " + kind + " without metadata.name");
            }
            return resource;
        } catch (JacksonException e) {
            throw new InvalidManifestException(source + ": " + kind + ": " + e.getOriginalMessage()
                    + " at " + e.getPathReference());
        }
    }

    /** fabric8's any-setters off, and no class may ignore unknown fields. */
    private static final class UnknownFieldsRefused extends JacksonAnnotationIntrospector {

        @Override
        public Boolean hasAnySetter(MapperConfig<?> config, Annotated annotated) {
            return Boolean.FALSE;
        }

        @Override
        public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated annotated) {
            return super.findPropertyIgnoralByName(config, annotated).withoutIgnoreUnknown();
        }
    }
}
