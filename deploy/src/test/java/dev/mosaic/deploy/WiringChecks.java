package dev.mosaic.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * What the resources say about each other: Services and budgets select real pods on real ports,
 * autoscalers scale real Deployments, every ConfigMap and Service a pod names exists, and every
 * manifest file is applied by some kustomization.
 */
final class WiringChecks {

    /** An in-namespace Service named by a URL: {@code http://mosaic-composer:8081}. */
    private static final Pattern SERVICE_URL = Pattern.compile("https?://([a-z0-9-]+):(\\d+)(/.*)?");

    private WiringChecks() {
    }

    /** Every Deployment selects its own pods; every Service selects some Deployment's pods, on declared ports. */
    static List<String> selectors(Rendered rendered) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : rendered.deployments()) {
            if (!matches(deployment.getSpec().getSelector(), podLabels(deployment))) {
                problems.add(deployment.getMetadata().getName() + ": spec.selector does not match its own pod template");
            }
        }
        for (Service service : rendered.services()) {
            Map<String, String> selector = service.getSpec().getSelector();
            String name = service.getMetadata().getName();
            List<Deployment> selected = rendered.deployments().stream()
                    .filter(d -> selector != null && !selector.isEmpty()
                            && podLabels(d).entrySet().containsAll(selector.entrySet()))
                    .toList();
            if (selected.isEmpty()) {
                problems.add("Service " + name + ": selector " + selector + " matches no Deployment's pods");
                continue;
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort();
                for (Deployment deployment : selected) {
                    boolean declared = WorkloadChecks.pod(deployment).getContainers().stream()
                            .anyMatch(c -> WorkloadChecks.port(c, target) != null);
                    if (!declared) {
                        problems.add("Service " + name + ": targetPort " + WorkloadChecks.text(target) + " is no port of "
                                + deployment.getMetadata().getName() + "'s containers");
                    }
                }
            }
        }
        return problems;
    }

    /**
     * Autoscalers scale an existing Deployment that leaves the count to them and whose containers
     * request what they measure; budgets
     * select an existing Deployment that keeps at least two pods, so a node drain can always proceed.
     */
    static List<String> scaling(Rendered rendered) {
        List<String> problems = new ArrayList<>();
        for (HorizontalPodAutoscaler hpa : rendered.autoscalers()) {
            String name = "HorizontalPodAutoscaler " + hpa.getMetadata().getName();
            var target = hpa.getSpec().getScaleTargetRef();
            Optional<Deployment> deployment = "Deployment".equals(target.getKind()) && "apps/v1".equals(target.getApiVersion())
                    ? rendered.deployment(target.getName()) : Optional.empty();
            if (deployment.isEmpty()) {
                problems.add(name + ": scales " + target.getApiVersion() + " " + target.getKind() + " " + target.getName()
                        + ", which is not a Deployment here");
                continue;
            }
            if (deployment.get().getSpec().getReplicas() != null) {
                problems.add(name + ": " + target.getName() + " sets replicas, which every apply would reset under "
                        + "the autoscaler; leave them out");
            }
            Integer min = hpa.getSpec().getMinReplicas();
            if (min == null || min < 1 || min > hpa.getSpec().getMaxReplicas()) {
                problems.add(name + ": minReplicas " + min + " must be between 1 and maxReplicas " + hpa.getSpec().getMaxReplicas());
            }
            for (MetricSpec metric : hpa.getSpec().getMetrics()) {
                if (metric.getResource() == null) {
                    continue;
                }
                String resource = metric.getResource().getName();
                for (Container container : WorkloadChecks.pod(deployment.get()).getContainers()) {
                    if (container.getResources() == null || container.getResources().getRequests() == null
                            || !container.getResources().getRequests().containsKey(resource)) {
                        problems.add(name + ": scales on " + resource + " utilisation, but "
                                + WorkloadChecks.where(deployment.get(), container) + " requests no " + resource);
                    }
                }
            }
        }
        for (PodDisruptionBudget budget : rendered.disruptionBudgets()) {
            String name = "PodDisruptionBudget " + budget.getMetadata().getName();
            List<Deployment> selected = rendered.deployments().stream()
                    .filter(d -> matches(budget.getSpec().getSelector(), podLabels(d))).toList();
            if (selected.isEmpty()) {
                problems.add(name + ": selects no Deployment's pods");
            }
            for (Deployment deployment : selected) {
                int least = rendered.autoscalers().stream()
                        .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(deployment.getMetadata().getName()))
                        .map(h -> h.getSpec().getMinReplicas()).filter(Objects::nonNull).findFirst()
                        .orElse(Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1));
                if (least < 2) {
                    problems.add(name + ": " + deployment.getMetadata().getName() + " may run a single pod, which the "
                            + "budget would never let a node drain evict");
                }
            }
        }
        return problems;
    }

    /** Every ConfigMap, key and in-namespace Service that a pod's environment or volumes name exists. */
    static List<String> references(Rendered rendered) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : rendered.deployments()) {
            List<Volume> volumes = WorkloadChecks.pod(deployment).getVolumes();
            for (Volume volume : volumes == null ? List.<Volume>of() : volumes) {
                if (volume.getConfigMap() != null && rendered.configMap(volume.getConfigMap().getName()).isEmpty()) {
                    problems.add(deployment.getMetadata().getName() + ": volume " + volume.getName() + " mounts ConfigMap "
                            + volume.getConfigMap().getName() + ", which does not exist");
                }
            }
            for (Container container : WorkloadChecks.pod(deployment).getContainers()) {
                String where = WorkloadChecks.where(deployment, container);
                if (container.getVolumeMounts() != null) {
                    container.getVolumeMounts().stream()
                            .filter(m -> !WorkloadChecks.volumeNames(WorkloadChecks.pod(deployment)).contains(m.getName()))
                            .forEach(m -> problems.add(where + ": mounts volume " + m.getName() + ", which the pod does not have"));
                }
                for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                    ConfigMapKeySelector ref = env.getValueFrom() == null ? null : env.getValueFrom().getConfigMapKeyRef();
                    if (ref != null) {
                        Optional<ConfigMap> configMap = rendered.configMap(ref.getName());
                        if (configMap.isEmpty() || configMap.get().getData() == null
                                || !configMap.get().getData().containsKey(ref.getKey())) {
                            problems.add(where + ": " + env.getName() + " reads " + ref.getName() + "/" + ref.getKey()
                                    + ", which does not exist");
                        }
                        configMap.map(ConfigMap::getData).map(d -> d.get(ref.getKey()))
                                .ifPresent(value -> serviceNamed(rendered, where + ": " + env.getName(), value, problems));
                    } else if (env.getValue() != null) {
                        serviceNamed(rendered, where + ": " + env.getName(), env.getValue(), problems);
                        if (env.getName().endsWith("_REDIS_HOST") && service(rendered, env.getValue()).isEmpty()) {
                            problems.add(where + ": " + env.getName() + " names Service " + env.getValue()
                                    + ", which does not exist");
                        }
                    }
                }
            }
        }
        return problems;
    }

    private static void serviceNamed(Rendered rendered, String where, String value, List<String> problems) {
        Matcher url = SERVICE_URL.matcher(value);
        if (!url.matches() || url.group(1).equals("localhost")) {
            return;
        }
        Optional<Service> service = service(rendered, url.group(1));
        int port = Integer.parseInt(url.group(2));
        if (service.isEmpty()) {
            problems.add(where + ": " + value + " names Service " + url.group(1) + ", which does not exist");
        } else if (service.get().getSpec().getPorts().stream().noneMatch(p -> p.getPort() == port)) {
            problems.add(where + ": " + value + ": Service " + url.group(1) + " has no port " + port);
        }
    }

    private static Optional<Service> service(Rendered rendered, String name) {
        return rendered.services().stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst();
    }

    /** YAML files under {@code directory} that no kustomization reads: manifests that would never be applied. */
    static List<String> unread(Path directory, Set<Path> read) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(f -> f.toString().matches(".*\\.ya?ml")).map(Path::normalize)
                    .filter(f -> !read.contains(f)).sorted()
                    .map(f -> f + ": no kustomization reads it").toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> podLabels(Deployment deployment) {
        Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null || selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()) {
            return false;
        }
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            return false;   // not used by the manifests; refused rather than half-evaluated
        }
        return labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }
}
