package dev.mosaic.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kustomization under {@code deploy/k8s} (the base and each overlay), rendered offline as
 * {@code kubectl apply -k} would, read against the Kubernetes API model with unknown fields refused,
 * and checked for what a cluster would only show at run time.
 */
class ShippedManifestsTests {

    private static final Project PROJECT = Project.current();
    private static final List<String> SCALED = List.of("mosaic-gateway", "mosaic-composer");

    static List<Path> kustomizations() {
        return PROJECT.kustomizations();
    }

    @Test
    void thereIsABaseAndADevOverlay() {
        assertThat(kustomizations()).contains(PROJECT.k8s(), PROJECT.k8s().resolve("dev"));
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyResourceIsAKubernetesObjectWithNoUnknownField(Path kustomization) {
        Rendered rendered = Kustomization.render(kustomization);

        assertThat(rendered.deployments()).extracting(d -> d.getMetadata().getName())
                .contains("mosaic-gateway", "mosaic-composer", "mosaic-redis");
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyContainerIsProbedOnItsActuatorsHealthGroups(Path kustomization) {
        assertThat(WorkloadChecks.probes(Kustomization.render(kustomization), PROJECT)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyContainerHasRequestsAndLimits(Path kustomization) {
        assertThat(WorkloadChecks.resources(Kustomization.render(kustomization))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyPodRunsAsNonRootWithAReadOnlyRootFileSystem(Path kustomization) {
        assertThat(WorkloadChecks.security(Kustomization.render(kustomization), PROJECT)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void theGracePeriodCoversThePreStopPauseAndTheDrain(Path kustomization) {
        assertThat(WorkloadChecks.drain(Kustomization.render(kustomization), PROJECT)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void servicesAndBudgetsSelectRealPodsOnDeclaredPorts(Path kustomization) {
        assertThat(WiringChecks.selectors(Kustomization.render(kustomization))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void autoscalersAndBudgetsTargetExistingDeployments(Path kustomization) {
        Rendered rendered = Kustomization.render(kustomization);

        assertThat(WiringChecks.scaling(rendered)).isEmpty();
        assertThat(rendered.autoscalers()).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrderElementsOf(SCALED);
        for (String name : SCALED) {
            Deployment deployment = rendered.deployment(name).orElseThrow();
            assertThat(rendered.disruptionBudgets()).as("a PodDisruptionBudget for " + name)
                    .anyMatch(b -> deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                            .containsAll(b.getSpec().getSelector().getMatchLabels().entrySet()));
        }
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyConfigMapKeyAndServiceAPodNamesExists(Path kustomization) {
        assertThat(WiringChecks.references(Kustomization.render(kustomization))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyImageIsBuiltByAModulesDockerfile(Path kustomization) {
        assertThat(ProductChecks.images(Kustomization.render(kustomization), PROJECT)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyEnvironmentVariableBindsToARealProperty(Path kustomization) {
        assertThat(EnvironmentBinding.withBootMetadata().check(Kustomization.render(kustomization), PROJECT)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void theCompositionsConfigMapHoldsEveryShippedCompositionUnchanged(Path kustomization) {
        Rendered rendered = Kustomization.render(kustomization);

        assertThat(ProductChecks.compositions(rendered, PROJECT)).isEmpty();
        for (String name : SCALED) {
            Container container = WorkloadChecks.pod(rendered.deployment(name).orElseThrow()).getContainers().get(0);
            assertThat(WorkloadChecks.env(container, "MOSAIC_COMPOSITIONS_LOCATION")).as(name + " reads the compositions")
                    .isEqualTo("/etc/mosaic/compositions");
        }
    }

    @Test
    void theBaseTrustsNoIdentityProviderUntilOneIsSet() {
        Rendered base = Kustomization.render(PROJECT.k8s());
        ConfigMap identity = base.configMap("mosaic-identity").orElseThrow();

        assertThat(identity.getData()).containsEntry("jwk-set-uri", "").containsEntry("issuer", "");
        for (Deployment deployment : base.deployments()) {
            for (Container container : WorkloadChecks.pod(deployment).getContainers()) {
                assertThat(WorkloadChecks.env(container, "SPRING_PROFILES_ACTIVE")).as("the dev profile trusts the dev IdP")
                        .isNull();
            }
        }
        assertThat(base.deployment("mosaic-stub-services")).as("stub-services are in the dev overlay only").isEmpty();
    }

    @Test
    void theDevOverlayTrustsOnlyTheStubsIdentityProvider() {
        Rendered dev = Kustomization.render(PROJECT.k8s().resolve("dev"));
        ConfigMap identity = dev.configMap("mosaic-identity").orElseThrow();

        assertThat(identity.getData().get("issuer")).isEqualTo("http://localhost:9000");
        assertThat(identity.getData().get("jwk-set-uri")).startsWith("http://mosaic-dev-idp:");
        assertThat(dev.deployment("mosaic-stub-services")).isPresent();
    }

    @Test
    void everyYamlFileUnderK8sIsReadByAKustomization() {
        Set<Path> read = new HashSet<>();
        for (Path kustomization : kustomizations()) {
            read.addAll(Kustomization.render(kustomization).files());
        }

        assertThat(WiringChecks.unread(PROJECT.k8s(), read)).isEmpty();
    }

    @Test
    void theScaledPartsKeepTwoPodsThroughADisruption() {
        Rendered base = Kustomization.render(PROJECT.k8s());
        for (String name : SCALED) {
            HorizontalPodAutoscaler hpa = base.autoscalers().stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(name)).findFirst().orElseThrow();
            PodDisruptionBudget budget = base.disruptionBudgets().stream()
                    .filter(b -> b.getMetadata().getName().equals(name)).findFirst().orElseThrow();
            assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
            assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        }
    }
}
