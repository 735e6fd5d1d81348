package dev.mosaic.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * What each pod must have: probes on the port the application's actuator really answers, requests
 * and limits, a non-root read-only container, and a grace period that fits the graceful drain.
 * Each check returns one line per problem (empty: none), naming the Deployment and container.
 */
final class WorkloadChecks {

    static final String LIVENESS = "/actuator/health/liveness";
    static final String READINESS = "/actuator/health/readiness";
    /** What kubelet needs after the preStop hook and the drain to let the JVM exit before it kills it. */
    static final Duration EXIT_MARGIN = Duration.ofSeconds(5);

    private WorkloadChecks() {
    }

    /**
     * Every container has readiness and liveness probes on a declared port; Mosaic's have a startup
     * probe too, and all three are the actuator's health groups on its management port.
     */
    static List<String> probes(Rendered rendered, Project project) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : rendered.deployments()) {
            for (Container container : pod(deployment).getContainers()) {
                String where = where(deployment, container);
                check(problems, where, "readinessProbe", container.getReadinessProbe(), container);
                check(problems, where, "livenessProbe", container.getLivenessProbe(), container);
                if (container.getStartupProbe() != null) {
                    check(problems, where, "startupProbe", container.getStartupProbe(), container);
                }
                Optional<Project.Module> module = project.module(container.getImage());
                if (module.isEmpty() || !module.get().exists()) {
                    continue;
                }
                Map<String, String> properties = module.get().applicationProperties();
                if (!"true".equals(properties.get("management.endpoint.health.probes.enabled"))) {
                    problems.add(where + ": " + module.get().name() + "'s application.yml does not enable the health "
                            + "probe groups (management.endpoint.health.probes.enabled: true)");
                }
                if (!properties.getOrDefault("management.endpoints.web.exposure.include", "").contains("health")) {
                    problems.add(where + ": " + module.get().name() + " does not expose the health endpoint");
                }
                int actuator = module.get().actuatorPort();
                expect(problems, where, "startupProbe", container.getStartupProbe(), LIVENESS, actuator, container,
                        module.get().hasManagementPort());
                expect(problems, where, "livenessProbe", container.getLivenessProbe(), LIVENESS, actuator, container,
                        module.get().hasManagementPort());
                expect(problems, where, "readinessProbe", container.getReadinessProbe(), READINESS, actuator, container,
                        module.get().hasManagementPort());
                int server = module.get().serverPort();
                if (module.get().hasManagementPort()) {
                    Integer http = port(container, new IntOrString("http"));
                    if (http == null || http != server) {
                        problems.add(where + ": the port named http is " + http + ", but " + module.get().name()
                                + " serves on server.port " + server);
                    }
                } else if (port(container, new IntOrString(server)) == null) {
                    problems.add(where + ": " + module.get().name() + " serves on server.port " + server
                            + ", which the container does not declare");
                }
            }
        }
        return problems;
    }

    private static void check(List<String> problems, String where, String kind, Probe probe, Container container) {
        if (probe == null) {
            problems.add(where + ": no " + kind);
            return;
        }
        int handlers = (probe.getHttpGet() != null ? 1 : 0) + (probe.getTcpSocket() != null ? 1 : 0)
                + (probe.getExec() != null ? 1 : 0) + (probe.getGrpc() != null ? 1 : 0);
        if (handlers != 1) {
            problems.add(where + ": " + kind + " needs exactly one of httpGet, tcpSocket, exec, grpc (has " + handlers + ")");
        }
        IntOrString port = probe.getHttpGet() != null ? probe.getHttpGet().getPort()
                : probe.getTcpSocket() != null ? probe.getTcpSocket().getPort() : null;
        if (port != null && port(container, port) == null) {
            problems.add(where + ": " + kind + " probes port " + text(port) + ", which the container does not declare");
        }
    }

    private static void expect(List<String> problems, String where, String kind, Probe probe, String path, int actuator,
            Container container, boolean named) {
        if (probe == null) {
            problems.add(where + ": no " + kind);
            return;
        }
        if (probe.getHttpGet() == null || !path.equals(probe.getHttpGet().getPath())) {
            problems.add(where + ": " + kind + " must be httpGet " + path);
            return;
        }
        IntOrString port = probe.getHttpGet().getPort();
        Integer number = port(container, port);
        if (number == null || number != actuator) {
            problems.add(where + ": " + kind + " probes port " + text(port) + " (" + number
                    + "), but the actuator answers on " + actuator);
        } else if (named && !"management".equals(port.getStrVal())) {
            problems.add(where + ": " + kind + " must name the port \"management\" (it probes " + text(port) + ")");
        }
    }

    /** Requests and limits for CPU and memory on every container, each request at most its limit. */
    static List<String> resources(Rendered rendered) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : rendered.deployments()) {
            for (Container container : pod(deployment).getContainers()) {
                String where = where(deployment, container);
                if (container.getResources() == null) {
                    problems.add(where + ": no resources");
                    continue;
                }
                Map<String, Quantity> requests = orEmpty(container.getResources().getRequests());
                Map<String, Quantity> limits = orEmpty(container.getResources().getLimits());
                for (String resource : List.of("cpu", "memory")) {
                    Quantity request = requests.get(resource);
                    Quantity limit = limits.get(resource);
                    if (request == null || limit == null) {
                        problems.add(where + ": " + resource + " needs a request and a limit");
                    } else if (request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
                        problems.add(where + ": " + resource + " request " + request + " is above its limit " + limit);
                    }
                }
            }
        }
        return problems;
    }

    /**
     * Non-root, no privilege escalation, no capabilities, a read-only root file system with
     * {@code /tmp} on an emptyDir for the JVMs, the runtime's seccomp profile, no API token.
     */
    static List<String> security(Rendered rendered, Project project) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : rendered.deployments()) {
            PodSpec pod = pod(deployment);
            String name = deployment.getMetadata().getName();
            PodSecurityContext podSecurity = pod.getSecurityContext();
            if (podSecurity == null || !Boolean.TRUE.equals(podSecurity.getRunAsNonRoot())) {
                problems.add(name + ": the pod must set securityContext.runAsNonRoot: true");
            }
            if (podSecurity == null || podSecurity.getSeccompProfile() == null
                    || !"RuntimeDefault".equals(podSecurity.getSeccompProfile().getType())) {
                problems.add(name + ": the pod must use seccompProfile RuntimeDefault");
            }
            if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
                problems.add(name + ": nothing here calls the Kubernetes API: automountServiceAccountToken: false");
            }
            for (Container container : pod.getContainers()) {
                String where = where(deployment, container);
                SecurityContext security = container.getSecurityContext();
                if (security == null) {
                    problems.add(where + ": no securityContext");
                    continue;
                }
                if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
                    problems.add(where + ": allowPrivilegeEscalation must be false");
                }
                if (Boolean.TRUE.equals(security.getPrivileged())) {
                    problems.add(where + ": privileged");
                }
                if (!Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
                    problems.add(where + ": readOnlyRootFilesystem must be true");
                }
                if (security.getCapabilities() == null || security.getCapabilities().getDrop() == null
                        || !security.getCapabilities().getDrop().contains("ALL")) {
                    problems.add(where + ": capabilities must drop ALL");
                }
                if (project.module(container.getImage()).isPresent() && !tmpOnEmptyDir(pod, container)) {
                    problems.add(where + ": a JVM with a read-only root file system needs /tmp on an emptyDir");
                }
            }
        }
        return problems;
    }

    private static boolean tmpOnEmptyDir(PodSpec pod, Container container) {
        if (container.getVolumeMounts() == null) {
            return false;
        }
        return container.getVolumeMounts().stream().filter(m -> "/tmp".equals(m.getMountPath()))
                .anyMatch(m -> pod.getVolumes().stream()
                        .anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null));
    }

    /**
     * Mosaic's containers shut down gracefully with a bounded phase, and the pod's grace period
     * covers the preStop pause, that bound and a margin, so kubelet never kills a drain half-way.
     */
    static List<String> drain(Rendered rendered, Project project) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : rendered.deployments()) {
            PodSpec pod = pod(deployment);
            long grace = pod.getTerminationGracePeriodSeconds() == null ? 30 : pod.getTerminationGracePeriodSeconds();
            for (Container container : pod.getContainers()) {
                if (project.module(container.getImage()).isEmpty()
                        || project.module(container.getImage()).get().name().equals("stub-services")) {
                    continue;
                }
                String where = where(deployment, container);
                if (!"graceful".equals(env(container, "SERVER_SHUTDOWN"))) {
                    problems.add(where + ": SERVER_SHUTDOWN must be graceful");
                }
                String phase = env(container, "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE");
                if (phase == null || !phase.matches("\\d+s")) {
                    problems.add(where + ": SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE must bound the drain in seconds ("
                            + phase + ")");
                    continue;
                }
                long drain = Long.parseLong(phase.substring(0, phase.length() - 1));
                long pause = preStopSeconds(container);
                if (pause <= 0) {
                    problems.add(where + ": a preStop pause lets the endpoint removal spread before SIGTERM");
                }
                if (grace < pause + drain + EXIT_MARGIN.toSeconds()) {
                    problems.add(where + ": terminationGracePeriodSeconds " + grace + " < preStop " + pause + " s + drain "
                            + drain + " s + " + EXIT_MARGIN.toSeconds() + " s");
                }
            }
        }
        return problems;
    }

    private static long preStopSeconds(Container container) {
        if (container.getLifecycle() == null || container.getLifecycle().getPreStop() == null
                || container.getLifecycle().getPreStop().getSleep() == null) {
            return 0;
        }
        return container.getLifecycle().getPreStop().getSleep().getSeconds();
    }

    static PodSpec pod(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec();
    }

    static String where(Deployment deployment, Container container) {
        return deployment.getMetadata().getName() + "/" + container.getName();
    }

    /** A plain {@code value} of the container's environment, or null. */
    static String env(Container container, String name) {
        if (container.getEnv() == null) {
            return null;
        }
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue)
                .findFirst().orElse(null);
    }

    /** The number a port reference resolves to in this container, or null when it declares no such port. */
    static Integer port(Container container, IntOrString port) {
        if (container.getPorts() == null || port == null) {
            return null;
        }
        for (ContainerPort declared : container.getPorts()) {
            if (port.getStrVal() != null ? port.getStrVal().equals(declared.getName())
                    : port.getIntVal().equals(declared.getContainerPort())) {
                return declared.getContainerPort();
            }
        }
        return null;
    }

    static String text(IntOrString port) {
        return port.getStrVal() != null ? port.getStrVal() : String.valueOf(port.getIntVal());
    }

    static Set<String> volumeNames(PodSpec pod) {
        return pod.getVolumes() == null ? Set.of()
                : Set.copyOf(pod.getVolumes().stream().map(Volume::getName).toList());
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
