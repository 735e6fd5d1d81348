package dev.mosaic.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The resources a kustomization renders, each with the file it came from.
 *
 * @param generatedFiles per generated ConfigMap, the files it was made of
 * @param files every file the rendering read (kustomizations, manifests, patches, generator files)
 */
record Rendered(List<Resource> resources, Map<String, List<Path>> generatedFiles, Set<Path> files) {

    /** One rendered resource. */
    record Resource(String source, HasMetadata model) {
        String name() {
            return model.getMetadata().getName();
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().map(Resource::model).filter(type::isInstance).map(type::cast).toList();
    }

    List<Deployment> deployments() {
        return all(Deployment.class);
    }

    List<Service> services() {
        return all(Service.class);
    }

    List<HorizontalPodAutoscaler> autoscalers() {
        return all(HorizontalPodAutoscaler.class);
    }

    List<PodDisruptionBudget> disruptionBudgets() {
        return all(PodDisruptionBudget.class);
    }

    Optional<ConfigMap> configMap(String name) {
        return all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst();
    }

    Optional<Deployment> deployment(String name) {
        return deployments().stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst();
    }
}
