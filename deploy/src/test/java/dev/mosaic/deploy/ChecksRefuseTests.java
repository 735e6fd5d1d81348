package dev.mosaic.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each check finds the mistake it is there for: the shipped manifests, copied and broken in one
 * place, give exactly the complaint a reader needs.
 */
class ChecksRefuseTests {

    private static final Project PROJECT = Project.current();

    @TempDir
    Path copy;

    @BeforeEach
    void copyTheManifests() throws IOException {
        try (Stream<Path> files = Files.walk(PROJECT.k8s())) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(PROJECT.k8s().relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    @Test
    void aProbeOnAPortTheActuatorDoesNotAnswer() {
        edit("composer.yaml", "containerPort: 8091", "containerPort: 8092");

        assertThat(WorkloadChecks.probes(base(), PROJECT))
                .contains("mosaic-composer/composer: readinessProbe probes port management (8092), but the actuator answers on 8091");
    }

    @Test
    void aProbeOnAnUndeclaredPort() {
        edit("redis.yaml", "port: redis\n", "port: 6380\n");

        assertThat(WorkloadChecks.probes(base(), PROJECT))
                .contains("mosaic-redis/redis: livenessProbe probes port 6380, which the container does not declare");
    }

    @Test
    void aReadinessProbeOnTheWholeHealthEndpoint() {
        edit("gateway.yaml", "path: /actuator/health/readiness", "path: /actuator/health");

        assertThat(WorkloadChecks.probes(base(), PROJECT))
                .contains("mosaic-gateway/gateway: readinessProbe must be httpGet /actuator/health/readiness");
    }

    @Test
    void aRequestAboveItsLimit() {
        edit("redis.yaml", "            cpu: 100m\n", "            cpu: 800m\n");

        assertThat(WorkloadChecks.resources(base())).contains("mosaic-redis/redis: cpu request 800m is above its limit 500m");
    }

    @Test
    void aWritableRootFileSystem() {
        edit("redis.yaml", "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false");

        assertThat(WorkloadChecks.security(base(), PROJECT)).contains("mosaic-redis/redis: readOnlyRootFilesystem must be true");
    }

    @Test
    void aGracePeriodShorterThanTheDrain() {
        edit("gateway.yaml", "terminationGracePeriodSeconds: 40", "terminationGracePeriodSeconds: 25");

        assertThat(WorkloadChecks.drain(base(), PROJECT))
                .contains("mosaic-gateway/gateway: terminationGracePeriodSeconds 25 < preStop 10 s + drain 20 s + 5 s");
    }

    @Test
    void aServiceWhoseSelectorMatchesNoPods() {
        edit("composer.yaml", "spec:\n  selector:\n    app.kubernetes.io/name: mosaic-composer",
                "spec:\n  selector:\n    app.kubernetes.io/name: mosaic-composr");

        assertThat(WiringChecks.selectors(base()))
                .contains("Service mosaic-composer: selector {app.kubernetes.io/name=mosaic-composr} matches no Deployment's pods");
    }

    @Test
    void aServiceTargetingAPortThePodsDoNotHave() {
        edit("redis.yaml", "targetPort: redis", "targetPort: redis-tls");

        assertThat(WiringChecks.selectors(base()))
                .contains("Service mosaic-redis: targetPort redis-tls is no port of mosaic-redis's containers");
    }

    @Test
    void anAutoscalerOfAMissingDeployment() {
        edit("composer.yaml", "    name: mosaic-composer\n  minReplicas", "    name: mosaic-composr\n  minReplicas");

        assertThat(WiringChecks.scaling(base())).contains("HorizontalPodAutoscaler mosaic-composer: scales apps/v1 "
                + "Deployment mosaic-composr, which is not a Deployment here");
    }

    @Test
    void aReplicaCountUnderAnAutoscaler() {
        edit("composer.yaml", "  revisionHistoryLimit: 5", "  replicas: 3\n  revisionHistoryLimit: 5");

        assertThat(WiringChecks.scaling(base())).contains("HorizontalPodAutoscaler mosaic-composer: mosaic-composer sets "
                + "replicas, which every apply would reset under the autoscaler; leave them out");
    }

    @Test
    void aBudgetOverASinglePod() {
        edit("gateway.yaml", "  minReplicas: 2", "  minReplicas: 1");

        assertThat(WiringChecks.scaling(base())).contains("PodDisruptionBudget mosaic-gateway: mosaic-gateway may run a "
                + "single pod, which the budget would never let a node drain evict");
    }

    @Test
    void anEnvironmentVariableFromAMissingConfigMapKey() {
        edit("composer.yaml", "key: catalog-url", "key: catalogue-url");

        assertThat(WiringChecks.references(base())).contains("mosaic-composer/composer: MOSAIC_COMPOSER_SOURCES_CATALOG_URL "
                + "reads mosaic-backends/catalogue-url, which does not exist");
    }

    @Test
    void aUrlNamingAServiceThatDoesNotExist() {
        edit("gateway.yaml", "value: http://mosaic-composer:8081", "value: http://composer:8081");

        assertThat(WiringChecks.references(base())).contains("mosaic-gateway/gateway: MOSAIC_GATEWAY_COMPOSER_URL: "
                + "http://composer:8081 names Service composer, which does not exist");
    }

    @Test
    void anImageNoModuleBuilds() {
        edit("composer.yaml", "image: mosaic/composer:", "image: mosaic/composr:");

        assertThat(ProductChecks.images(base(), PROJECT))
                .contains("mosaic-composer/composer: mosaic/composr:0.1.0-SNAPSHOT names no module of the project");
    }

    @Test
    void anEnvironmentVariableNoPropertyReads() {
        edit("gateway.yaml", "name: MOSAIC_GATEWAY_COMPOSER_URL", "name: MOSAIC_GATEWAY_COMPOSER_URI");

        assertThat(EnvironmentBinding.withBootMetadata().check(base(), PROJECT))
                .contains("mosaic-gateway/gateway: MOSAIC_GATEWAY_COMPOSER_URI binds to no property of gateway "
                        + "(not in Spring Boot's metadata, its application.yml or its README)");
    }

    @Test
    void aPropertyOfAnotherApplication() {
        edit("composer.yaml", "name: MOSAIC_COMPOSITIONS_LOCATION", "name: MOSAIC_GATEWAY_COMPOSER_URL");

        assertThat(EnvironmentBinding.withBootMetadata().check(base(), PROJECT))
                .anyMatch(p -> p.startsWith("mosaic-composer/composer: MOSAIC_GATEWAY_COMPOSER_URL binds to no property of composer"));
    }

    @Test
    void aCompositionCopyThatDriftedFromTheShippedFile() {
        edit("compositions/dashboard.yaml", "anonymous-internal: true", "anonymous-internal: false");

        assertThat(ProductChecks.compositions(base(), PROJECT)).anyMatch(p -> p.startsWith(
                "mosaic-compositions: dashboard.yaml differs from "));
    }

    @Test
    void aShippedCompositionLeftOutOfTheConfigMap() {
        edit("kustomization.yaml", "      - compositions/order-detail.yaml\n", "");

        assertThat(ProductChecks.compositions(base(), PROJECT))
                .contains("mosaic-compositions: order-detail.yaml ships with the product but is not in the ConfigMap");
    }

    @Test
    void aManifestNoKustomizationReads() throws IOException {
        Files.writeString(copy.resolve("ingress.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");

        java.util.Set<Path> read = new java.util.HashSet<>(base().files());
        read.addAll(Kustomization.render(copy.resolve("dev")).files());

        assertThat(WiringChecks.unread(copy, read)).containsExactly(copy.resolve("ingress.yaml") + ": no kustomization reads it");
    }

    @Test
    void aKustomizationFieldTheValidationWouldSkip() {
        edit("kustomization.yaml", "namespace: mosaic\n", "namespace: mosaic\ncommonLabels: {team: edge}\n");

        assertThatThrownBy(this::base).isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("commonLabels is not a field this validation understands");
    }

    @Test
    void aGeneratorFileOutsideTheKustomization() {
        edit("kustomization.yaml", "- compositions/dashboard.yaml", "- ../../compositions/src/main/resources/compositions/dashboard.yaml");

        assertThatThrownBy(this::base).isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("is outside").hasMessageContaining("kustomize refuses it");
    }

    @Test
    void aPatchOfAResourceThatDoesNotExist() {
        edit("dev/gateway.yaml", "name: mosaic-gateway", "name: mosaic-gateways");

        assertThatThrownBy(() -> Kustomization.render(copy.resolve("dev"))).isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("Deployment/mosaic/mosaic-gateways, which no resource is");
    }

    @Test
    void aPatchWithoutTheBasesNamespace() {
        edit("dev/gateway.yaml", "  namespace: mosaic\n", "");

        assertThatThrownBy(() -> Kustomization.render(copy.resolve("dev"))).isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("patches Deployment//mosaic-gateway, which no resource is");
    }

    @Test
    void aMisspeltFieldInAPatchIsRefusedInTheResult() {
        edit("dev/gateway.yaml", "          env:", "          envv:");

        assertThatThrownBy(() -> Kustomization.render(copy.resolve("dev"))).isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("envv");
    }

    @Test
    void aPatchMergesIntoTheBaseByName() {
        Rendered dev = Kustomization.render(copy.resolve("dev"));
        var gateway = WorkloadChecks.pod(dev.deployment("mosaic-gateway").orElseThrow()).getContainers().get(0);

        assertThat(WorkloadChecks.env(gateway, "MOSAIC_GATEWAY_WARM_UP_TOKEN_URI")).isEqualTo("http://mosaic-dev-idp:8080/token");
        assertThat(WorkloadChecks.env(gateway, "SERVER_SHUTDOWN")).as("the base's variables stay").isEqualTo("graceful");
        assertThat(gateway.getReadinessProbe()).as("the base's probes stay").isNotNull();
    }

    private Rendered base() {
        return Kustomization.render(copy);
    }

    private void edit(String file, String from, String to) {
        Path path = copy.resolve(file);
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            assertThat(text).as(file + " contains the text to break").contains(from);
            Files.writeString(path, text.replaceFirst(java.util.regex.Pattern.quote(from),
                    java.util.regex.Matcher.quoteReplacement(to)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
