package care.sij.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every manifest is read into fabric8's typed model (or CnpgCluster), refusing what the model does not know. */
class ManifestModelTest {
  static Stream<String> kustomizations() throws IOException {
    return Manifests.kustomizations();
  }

  @Test
  void theBaseAndTheExampleOverlayAreTheKustomizations() throws IOException {
    assertEquals(List.of("base", "overlays/example"), kustomizations().toList());
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void everyDocumentParsesIntoItsTypedModel(String kustomization) {
    Manifests m = Manifests.load(kustomization);
    assertEquals(m.rendered.documents().size(), m.all.size());
    assertEquals(Set.of("catalog", "triage", "progress"), m.deployments.keySet());
    assertEquals(m.deployments.keySet(), m.services.keySet());
    assertEquals(m.deployments.keySet(), m.budgets.keySet());
    assertEquals(m.deployments.keySet(), m.autoscalers.keySet());
    assertEquals(Set.of("sij-postgres"), m.clusters.keySet());
    assertTrue(m.policies.containsKey("default-deny"));
  }

  @Test
  void everyFileUnderDeployKubernetesIsReadByAKustomization() throws IOException {
    Set<Path> read = new HashSet<>();
    for (String k : kustomizations().toList()) {
      read.addAll(Manifests.load(k).rendered.files());
    }
    try (Stream<Path> files = Files.walk(Manifests.root())) {
      List<Path> unread = files.filter(Files::isRegularFile).map(Path::normalize).filter(f -> !read.contains(f)).toList();
      assertEquals(List.of(), unread, "files no kustomization reads: they would be neither deployed nor checked");
    }
  }

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: x
      spec:
        %s
        selector:
          matchLabels:
            app: x
        template:
          metadata:
            labels:
              app: x
          spec:
            containers:
              - name: x
                %s: x:1
      """;

  private static Object parse(String yaml) {
    return Strict.typed(Strict.documents(yaml).get(0), "test");
  }

  @Test
  void aWellFormedDeploymentParses() {
    Deployment d = (Deployment) parse(DEPLOYMENT.formatted("replicas: 2", "image"));
    assertEquals(2, d.getSpec().getReplicas());
    assertEquals("x:1", d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
  }

  @Test
  void aMisspelledFieldIsRefusedAtTheTopAndDeepDown() {
    IllegalArgumentException top = assertThrows(IllegalArgumentException.class, () -> parse(DEPLOYMENT.formatted("replicass: 2", "image")));
    assertTrue(top.getMessage().contains("replicass"), top.getMessage());
    IllegalArgumentException deep = assertThrows(IllegalArgumentException.class, () -> parse(DEPLOYMENT.formatted("replicas: 2", "imagee")));
    assertTrue(deep.getMessage().contains("imagee"), deep.getMessage());
    assertThrows(IllegalArgumentException.class, () -> parse("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: x
        spec:
          podSelector: {}
          ingress:
            - from:
                - podSelectr:
                    matchLabels:
                      app: x
        """));
  }

  @Test
  void aMisspelledClusterFieldIsRefused() {
    String cluster = """
        apiVersion: postgresql.cnpg.io/v1
        kind: Cluster
        metadata:
          name: x
        spec:
          %s: 3
        """;
    parse(cluster.formatted("instances"));
    assertThrows(IllegalArgumentException.class, () -> parse(cluster.formatted("instance")));
  }

  @Test
  void anUnknownKindOrVersionAndARepeatedKeyAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> parse("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n"));
    assertThrows(IllegalArgumentException.class, () -> parse("apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: x\n"));
    assertThrows(RuntimeException.class, () -> parse("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n  a: c\n"));
    assertThrows(IllegalArgumentException.class, () -> parse("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {}\n"));
  }

  @Test
  void aKustomizationFeatureThisCheckCannotRenderIsRefused(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
    Files.writeString(dir.resolve(Kustomize.FILE),
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - cm.yaml\n");
    assertEquals(1, Kustomize.render(dir).documents().size());
    Files.writeString(dir.resolve(Kustomize.FILE),
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - cm.yaml\ncommonLabels:\n  a: b\n");
    assertThrows(IllegalArgumentException.class, () -> Kustomize.render(dir));
    Files.writeString(dir.resolve("d.yaml"), DEPLOYMENT.formatted("replicas: 1", "image"));
    Files.writeString(dir.resolve(Kustomize.FILE),
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - d.yaml\npatches:\n  - path: d.yaml\n");
    assertThrows(IllegalArgumentException.class, () -> Kustomize.render(dir), "a Deployment patch merges lists by key");
    Files.writeString(dir.resolve(Kustomize.FILE),
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - missing.yaml\n");
    assertThrows(IllegalArgumentException.class, () -> Kustomize.render(dir));
  }

  @Test
  void theExampleOverlaySetsNamespaceImagesAndIdentityOverTheBase() {
    Manifests base = Manifests.load("base");
    Manifests example = Manifests.load("overlays/example");
    assertEquals(Set.of("sij-care"), example.namespaces.keySet());
    for (Object resource : example.all) {
      if (resource instanceof io.fabric8.kubernetes.api.model.HasMetadata h && !(resource instanceof io.fabric8.kubernetes.api.model.Namespace)) {
        assertEquals("sij-care", h.getMetadata().getNamespace(), h.getMetadata().getName());
      }
    }
    assertEquals("sij-care", example.clusters.get("sij-postgres").metadata().getNamespace());
    for (String service : base.deployments.keySet()) {
      assertEquals("sij-care/" + service + ":1.0.0-SNAPSHOT", Manifests.container(base.deployments.get(service)).getImage());
      assertEquals("images.example.org/sij-care/" + service + ":1.0.0", Manifests.container(example.deployments.get(service)).getImage());
    }
    var baseIdentity = base.configMaps.get("sij-identity").getData();
    var identity = example.configMaps.get("sij-identity").getData();
    assertEquals(baseIdentity.keySet(), identity.keySet(), "the patch merges into the base's keys");
    assertEquals(baseIdentity.get("SIJ_OIDC_TOKEN_PATH"), identity.get("SIJ_OIDC_TOKEN_PATH"));
    assertFalse(identity.get("SIJ_JWT_ISSUER").equals(baseIdentity.get("SIJ_JWT_ISSUER")));
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void committedSecretsHoldOnlyMarkedPlaceholders(String kustomization) {
    for (Secret secret : Manifests.load(kustomization).secrets.values()) {
      assertTrue(secret.getData() == null || secret.getData().isEmpty(), secret.getMetadata().getName() + ": data would hide a value");
      secret.getStringData().forEach((key, value) -> assertTrue(key.equals("username") || value.startsWith("CHANGE-ME"),
          secret.getMetadata().getName() + "/" + key + " is not a marked placeholder"));
    }
  }
}
