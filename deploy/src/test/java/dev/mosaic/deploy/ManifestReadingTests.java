package dev.mosaic.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** The reader refuses what the Kubernetes API schema does not have, naming the field. */
class ManifestReadingTests {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
            spec:
              selector:
                matchLabels: {app: demo}
              template:
                metadata:
                  labels: {app: demo}
                spec:
                  containers:
                    - name: demo
                      image: demo:1
                      ports:
                        - name: management
                          containerPort: 8090
                      readinessProbe:
                        httpGet: {path: /ready, port: management}
            """;

    @Test
    void readsAWellFormedDeploymentIntoTheModel() {
        HasMetadata resource = read(DEPLOYMENT);

        assertThat(resource).isInstanceOf(Deployment.class);
        Deployment deployment = (Deployment) resource;
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe()
                .getHttpGet().getPort().getStrVal()).isEqualTo("management");
    }

    @Test
    void refusesAMisspeltFieldInsteadOfKeepingItAside() {
        assertThatThrownBy(() -> read(DEPLOYMENT.replace("readinessProbe:", "readinesProbe:")))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("readinesProbe");
    }

    @Test
    void refusesAMisspeltFieldDeepInsideAndSaysWhere() {
        assertThatThrownBy(() -> read(DEPLOYMENT.replace("containerPort: 8090", "containerport: 8090")))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("containerport")
                .hasMessageContaining("ports");
    }

    @Test
    void refusesAFieldAtTheWrongLevel() {
        // terminationGracePeriodSeconds belongs to the pod, not to the Deployment's spec
        assertThatThrownBy(() -> read(DEPLOYMENT.replace("  selector:", "  terminationGracePeriodSeconds: 30\n  selector:")))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("terminationGracePeriodSeconds");
    }

    @Test
    void refusesARemovedApiVersion() {
        assertThatThrownBy(() -> read(DEPLOYMENT.replace("apps/v1", "extensions/v1beta1")))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("extensions/v1beta1 Deployment");
    }

    @Test
    void refusesAnAutoscalerOfTheOldApi() {
        String v1 = """
                apiVersion: autoscaling/v1
                kind: HorizontalPodAutoscaler
                metadata: {name: demo}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: demo}
                  maxReplicas: 3
                """;
        assertThatThrownBy(() -> read(v1)).isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("autoscaling/v1 HorizontalPodAutoscaler");
    }

    @Test
    void refusesADuplicateKey() {
        assertThatThrownBy(() -> KubernetesYaml.documents("demo.yaml", DEPLOYMENT.replace("  name: demo\n",
                "  name: demo\n  name: other\n")))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("name");
    }

    @Test
    void refusesAValueOfTheWrongType() {
        assertThatThrownBy(() -> read(DEPLOYMENT.replace("containerPort: 8090", "containerPort: [8090]")))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("containerPort");
    }

    @Test
    void refusesAResourceWithoutAName() {
        assertThatThrownBy(() -> read(DEPLOYMENT.replace("  name: demo\n", "  labels: {app: demo}\n")))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("without metadata.name");
    }

    private static HasMetadata read(String yaml) {
        return KubernetesYaml.resource("inline.yaml", KubernetesYaml.documents("inline.yaml", yaml).get(0));
    }
}
