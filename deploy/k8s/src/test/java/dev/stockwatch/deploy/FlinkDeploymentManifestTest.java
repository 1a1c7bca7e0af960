package dev.stockwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/k8s/flinkdeployment.yaml} read into the Flink Kubernetes Operator's own API
 * classes: a misspelt field or a value of the wrong type fails here, not at {@code kubectl apply}.
 * Its job settings must agree with the local cluster of {@code deploy/local/flink.sh}.
 *
 * <p>The newest operator API on Maven Central that this build can fetch (see the pom) predates
 * Flink 2, so its {@code FlinkVersion} enum ends at {@code v1_20}: {@code spec.flinkVersion} is
 * checked against the job's own Flink version instead, and the rest of the resource strictly.
 */
class FlinkDeploymentManifestTest {
    static final Path K8S = Path.of("").toAbsolutePath();
    static final Path LOCAL = K8S.resolveSibling("local");
    /**
     * Strict as {@code kubectl apply --validate=strict}: the operator's classes say
     * {@code ignoreUnknown}, which the API server's schema does not.
     */
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated a) {
                    return super.findPropertyIgnoralByName(config, a).withoutIgnoreUnknown();
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The manifest as the operator's classes read it, flinkVersion aside. */
    static FlinkDeployment read(JsonNode manifest) throws IOException {
        ObjectNode copy = manifest.deepCopy();
        ((ObjectNode) copy.get("spec")).remove("flinkVersion");
        FlinkDeployment deployment = YAML.treeToValue(copy, FlinkDeployment.class);
        assertThat(UnknownFields.in(deployment)).as("fields the Kubernetes model does not know").isEmpty();
        return deployment;
    }

    static JsonNode manifest() throws IOException {
        return YAML.readTree(K8S.resolve("flinkdeployment.yaml").toFile());
    }

    @Test
    void theManifestIsAFlinkDeploymentOfTheJobsFlinkVersion() throws IOException {
        JsonNode manifest = manifest();
        FlinkDeployment deployment = read(manifest);
        assertThat(deployment.getApiVersion()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(deployment.getKind()).isEqualTo("FlinkDeployment");
        String[] version = System.getProperty("flink.version", "").split("\\.");
        assertThat(version).as("flink.version from the build").hasSizeGreaterThanOrEqualTo(2);
        assertThat(manifest.at("/spec/flinkVersion").asText()).isEqualTo("v" + version[0] + "_" + version[1]);
        assertThat(manifest.at("/spec/image").asText()).isNotBlank();
    }

    @Test
    void aMisspeltFieldOrAWrongTypeFails() throws IOException {
        ObjectNode misspelt = (ObjectNode) manifest();
        ((ObjectNode) misspelt.at("/spec/job")).put("paralellism", 4);
        assertThatThrownBy(() -> read(misspelt)).hasMessageContaining("paralellism");

        ObjectNode wrongType = (ObjectNode) manifest();
        ((ObjectNode) wrongType.at("/spec/job")).put("parallelism", "four");
        assertThatThrownBy(() -> read(wrongType)).hasMessageContaining("four");

        ObjectNode badUpgrade = (ObjectNode) manifest();
        ((ObjectNode) badUpgrade.at("/spec/job")).put("upgradeMode", "snapshot");
        assertThatThrownBy(() -> read(badUpgrade)).hasMessageContaining("snapshot");

        ObjectNode misspeltInPod = (ObjectNode) manifest();
        ((ObjectNode) misspeltInPod.at("/spec/podTemplate/spec/containers/0")).put("envv", "x");
        assertThatThrownBy(() -> read(misspeltInPod)).hasMessageContaining("envv");
    }

    @Test
    void stateAndCheckpointSettingsAgreeWithTheLocalCluster() throws IOException {
        Map<String, String> k8s = read(manifest()).getSpec().getFlinkConfiguration();
        Map<String, String> local = LocalCluster.settings(LOCAL.resolve("flink.sh"));
        for (String key : List.of("state.backend.type", "execution.checkpointing.incremental",
                "state.backend.rocksdb.timer-service.factory", "state.backend.rocksdb.predefined-options",
                "taskmanager.memory.managed.fraction", "execution.checkpointing.num-retained")) {
            assertThat(local).as("deploy/local/flink.sh sets " + key).containsKey(key);
            assertThat(k8s.get(key)).as(key).isEqualTo(local.get(key));
        }
        assertThat(k8s.get("state.backend.type")).isEqualTo("rocksdb");
        assertThat(k8s).containsKeys("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir",
                "high-availability.type", "high-availability.storageDir");
    }

    @Test
    void theJobUpgradesWithASavepointAndReadsItsConfigurationFromASecret() throws IOException {
        FlinkDeploymentSpec spec = read(manifest()).getSpec();
        var job = spec.getJob();
        assertThat(job.getUpgradeMode()).isEqualTo(UpgradeMode.SAVEPOINT);
        assertThat(job.getEntryClass()).isEqualTo("dev.stockwatch.job.cli.LiveCommand");
        Path entry = K8S.resolve("../../job/src/main/java").resolve(job.getEntryClass().replace('.', '/') + ".java");
        assertThat(entry).as("the entry class exists").isRegularFile();
        assertThat(job.getParallelism()).isBetween(1, 128);

        List<String> args = List.of(job.getArgs());
        assertThat(args).contains("--config");
        String configFile = args.get(args.indexOf("--config") + 1);
        var container = spec.getPodTemplate().getSpec().getContainers().get(0);
        VolumeMount mount = container.getVolumeMounts().stream()
                .filter(m -> configFile.startsWith(m.getMountPath() + "/")).findFirst().orElseThrow();
        Volume volume = spec.getPodTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
        assertThat(volume.getSecret()).as("the configuration (with the Kafka credentials) comes from a Secret").isNotNull();
        assertThat(volume.getSecret().getSecretName()).isNotBlank();
        assertThat(mount.getReadOnly()).isTrue();
    }

    @Test
    void noCredentialIsWrittenInTheManifest() throws IOException {
        Map<String, String> flat = new LinkedHashMap<>(read(manifest()).getSpec().getFlinkConfiguration());
        assertThat(flat.keySet()).noneMatch(k -> k.contains("password") || k.contains("sasl.jaas") || k.contains("secret"));
        String text = Files.readString(K8S.resolve("flinkdeployment.yaml"));
        // the example configuration in the comment shows where a password goes, never one
        assertThat(text).doesNotContainPattern("password=\"[^.\"][^\"]*\"");
    }
}
