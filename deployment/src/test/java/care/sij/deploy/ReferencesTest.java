package care.sij.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** References between the rendered manifests resolve, and each Deployment gives its service what its configuration reads. */
class ReferencesTest {
  static Stream<String> kustomizations() throws IOException {
    return Manifests.kustomizations();
  }

  /** The Deployments whose pod labels a selector selects. */
  private static List<String> selected(Manifests m, io.fabric8.kubernetes.api.model.LabelSelector selector) {
    return m.deployments.values().stream().filter(d -> Manifests.selects(selector, Manifests.podLabels(d)))
        .map(d -> d.getMetadata().getName()).toList();
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void eachDeploymentSelectsItsOwnPodsAndNoOtherDeployments(String kustomization) {
    Manifests m = Manifests.load(kustomization);
    for (Deployment d : m.deployments.values()) {
      assertEquals(List.of(d.getMetadata().getName()), selected(m, d.getSpec().getSelector()), d.getMetadata().getName());
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void eachServiceSelectsOneDeploymentAndTargetsItsApiPort(String kustomization) {
    Manifests m = Manifests.load(kustomization);
    for (Service service : m.services.values()) {
      String name = service.getMetadata().getName();
      Map<String, String> selector = service.getSpec().getSelector();
      assertFalse(selector == null || selector.isEmpty(), name + " has no selector");
      List<Deployment> backends = m.deployments.values().stream()
          .filter(d -> selector.entrySet().stream().allMatch(e -> e.getValue().equals(Manifests.podLabels(d).get(e.getKey())))).toList();
      assertEquals(1, backends.size(), name + " selects " + backends.size() + " Deployments");
      Container container = Manifests.container(backends.get(0));
      int api = ServiceConfiguration.of(backends.get(0).getMetadata().getName()).port("quarkus.http.port");
      for (ServicePort port : service.getSpec().getPorts()) {
        ContainerPort target = Manifests.port(container, port.getTargetPort())
            .orElseThrow(() -> new AssertionError(name + ": targetPort " + port.getTargetPort() + " is no container port"));
        assertEquals(api, target.getContainerPort(), name + " exposes only the API port");
        assertEquals(api, port.getPort(), name + " answers on the service's own port");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void containerPortsAndProbesAreTheServicesApiAndManagementPorts(String kustomization) {
    Manifests m = Manifests.load(kustomization);
    for (Deployment d : m.deployments.values()) {
      String service = d.getMetadata().getName();
      ServiceConfiguration config = ServiceConfiguration.of(service);
      Container c = Manifests.container(d);
      assertEquals(Map.of("http", config.port("quarkus.http.port"), "management", config.port("quarkus.management.port")),
          c.getPorts().stream().collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort)), service);
      Map<String, Probe> probes = Map.of("/q/health/started", c.getStartupProbe(), "/q/health/ready", c.getReadinessProbe(),
          "/q/health/live", c.getLivenessProbe());
      probes.forEach((path, probe) -> {
        assertNotNull(probe, service + " probes " + path);
        assertEquals(path, probe.getHttpGet().getPath(), service);
        ContainerPort port = Manifests.port(c, probe.getHttpGet().getPort())
            .orElseThrow(() -> new AssertionError(service + ": probe " + path + " on undeclared port " + probe.getHttpGet().getPort()));
        assertEquals(config.port("quarkus.management.port"), port.getContainerPort(), service + ": " + path + " is on the management port");
      });
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void environmentSetsExactlyTheVariablesTheConfigurationReadsAndEveryReferenceResolves(String kustomization) {
    Manifests m = Manifests.load(kustomization);
    for (Deployment d : m.deployments.values()) {
      String service = d.getMetadata().getName();
      ServiceConfiguration config = ServiceConfiguration.of(service);
      Map<String, String> env = m.environment(d);
      Set<String> set = env.keySet().stream().filter(k -> k.startsWith("SIJ_")).collect(Collectors.toCollection(TreeSet::new));
      assertTrue(set.containsAll(config.variables(true)), service + " lacks one of " + config.variables(true) + ": " + set);
      assertEquals(config.variables(false), set, service + ": variables set and variables its configuration reads");
      Set<String> mayBeEmpty = config.blankByDefault();
      env.forEach((k, v) -> assertFalse(v == null || (v.isBlank() && !mayBeEmpty.contains(k)), service + ": " + k + " is empty"));
      assertEquals("sij-" + service, env.get("SIJ_JWT_AUDIENCE"));
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void servicesCallTheirPeersThroughThePeersServicesAndApiPorts(String kustomization) {
    Manifests m = Manifests.load(kustomization);
    Map<String, String> peers = Map.of("SIJ_CATALOG_URL", "catalog", "SIJ_TRIAGE_URL", "triage");
    int calls = 0;
    for (Deployment d : m.deployments.values()) {
      Map<String, String> env = m.environment(d);
      for (var peer : peers.entrySet()) {
        if (!env.containsKey(peer.getKey())) {
          continue;
        }
        calls++;
        URI url = URI.create(env.get(peer.getKey()));
        Service target = m.services.get(url.getHost());
        assertNotNull(target, d.getMetadata().getName() + ": " + url + " names no Service");
        assertEquals(List.of(peer.getValue()), selected(m, new io.fabric8.kubernetes.api.model.LabelSelector(null, target.getSpec().getSelector())),
            url + " reaches " + peer.getValue());
        assertTrue(target.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == url.getPort()), url + ": no such port on the Service");
        assertEquals("http", url.getScheme());
      }
    }
    assertEquals(3, calls, "triage calls catalog, progress catalog and triage");
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void eachServiceConnectsToTheClustersReadWriteServiceWithItsOwnRole(String kustomization) {
    Manifests m = Manifests.load(kustomization);
    CnpgCluster cluster = m.clusters.values().iterator().next();
    for (Deployment d : m.deployments.values()) {
      String service = d.getMetadata().getName();
      Map<String, String> env = m.environment(d);
      assertEquals("jdbc:postgresql://" + cluster.readWriteService() + ":5432/" + cluster.spec().bootstrap().initdb().database(),
          env.get("SIJ_DB_URL"), service);
      assertEquals(service, env.get("SIJ_DB_USER"), service + " connects as its own role");
      CnpgCluster.Role role = cluster.spec().managed().roles().stream().filter(r -> r.name().equals(service)).findFirst()
          .orElseThrow(() -> new AssertionError("the cluster manages no role " + service));
      var password = Manifests.container(d).getEnv().stream().filter(e -> e.getName().equals("SIJ_DB_PASSWORD")).findFirst().orElseThrow()
          .getValueFrom().getSecretKeyRef();
      assertEquals(role.passwordSecret().name(), password.getName(), service + ": the password CloudNativePG sets for the role");
      assertEquals("password", password.getKey());
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void budgetsAndAutoscalersTargetTheDeployments(String kustomization) {
    Manifests m = Manifests.load(kustomization);
    for (PodDisruptionBudget budget : m.budgets.values()) {
      String name = budget.getMetadata().getName();
      assertEquals(List.of(name), selected(m, budget.getSpec().getSelector()), name + ": the budget's pods");
      HorizontalPodAutoscaler hpa = m.autoscalers.get(name);
      assertNotNull(hpa, name + " has no autoscaler");
      assertTrue(budget.getSpec().getMinAvailable().getIntVal() < hpa.getSpec().getMinReplicas(),
          name + ": a node drain could never evict a pod if the budget kept every replica");
    }
    for (HorizontalPodAutoscaler hpa : m.autoscalers.values()) {
      var target = hpa.getSpec().getScaleTargetRef();
      assertEquals("apps/v1", target.getApiVersion());
      assertEquals("Deployment", target.getKind());
      Deployment d = m.deployments.get(target.getName());
      assertNotNull(d, hpa.getMetadata().getName() + " scales " + target.getName() + ", which does not exist");
      assertEquals(null, d.getSpec().getReplicas(), target.getName() + ": the autoscaler owns the replica count");
      assertTrue(hpa.getSpec().getMinReplicas() >= 2 && hpa.getSpec().getMaxReplicas() >= hpa.getSpec().getMinReplicas());
      assertTrue(hpa.getSpec().getMetrics().stream().allMatch(x -> "cpu".equals(x.getResource().getName())));
      assertNotNull(Manifests.container(d).getResources().getRequests().get("cpu"), "utilization is measured against the CPU request");
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void theHeapFollowsTheContainersMemoryLimit(String kustomization) {
    Manifests m = Manifests.load(kustomization);
    for (Deployment d : m.deployments.values()) {
      Container c = Manifests.container(d);
      Quantity limit = c.getResources().getLimits().get("memory");
      assertNotNull(limit, d.getMetadata().getName() + " has no memory limit");
      assertEquals(limit, c.getResources().getRequests().get("memory"), "memory requested is memory allowed: no eviction surprise");
      String options = m.environment(d).get("JAVA_OPTS");
      assertTrue(options.matches(".*-XX:MaxRAMPercentage=\\d+.*"), options);
      assertFalse(options.contains("-Xmx"), "a fixed heap would ignore the limit: " + options);
      assertTrue(options.contains("-XX:+ExitOnOutOfMemoryError"), options);
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void eachRolesPasswordSecretIsABasicAuthSecretNamingTheRole(String kustomization) {
    Manifests m = Manifests.load(kustomization);
    CnpgCluster cluster = m.clusters.get("sij-postgres");
    assertEquals(3, cluster.spec().instances());
    assertEquals(m.deployments.keySet(), cluster.spec().managed().roles().stream().map(CnpgCluster.Role::name).collect(Collectors.toSet()));
    for (CnpgCluster.Role role : cluster.spec().managed().roles()) {
      Secret secret = m.secrets.get(role.passwordSecret().name());
      assertNotNull(secret, role.name() + ": its password Secret " + role.passwordSecret().name() + " does not exist");
      assertEquals("kubernetes.io/basic-auth", secret.getType(), "CloudNativePG reads a role's password from a basic-auth Secret");
      assertEquals(role.name(), Manifests.value(secret, "username"));
      assertNotNull(Manifests.value(secret, "password"));
      assertEquals("present", role.ensure());
      assertEquals(Boolean.TRUE, role.login());
    }
    for (CnpgCluster.KeyReference ref : cluster.spec().bootstrap().initdb().postInitApplicationSQLRefs().configMapRefs()) {
      assertNotNull(m.configMaps.get(ref.name()), ref.name());
      assertNotNull(m.configMaps.get(ref.name()).getData().get(ref.key()), ref.name() + "/" + ref.key());
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void podsMeetTheRestrictedPodSecurityStandard(String kustomization) {
    Manifests m = Manifests.load(kustomization);
    for (Deployment d : m.deployments.values()) {
      String name = d.getMetadata().getName();
      var pod = d.getSpec().getTemplate().getSpec().getSecurityContext();
      var container = Manifests.container(d).getSecurityContext();
      assertEquals(Boolean.TRUE, pod.getRunAsNonRoot(), name);
      assertEquals("RuntimeDefault", pod.getSeccompProfile().getType(), name);
      assertEquals(Boolean.FALSE, container.getAllowPrivilegeEscalation(), name);
      assertEquals(List.of("ALL"), container.getCapabilities().getDrop(), name);
      assertEquals(Boolean.TRUE, container.getReadOnlyRootFilesystem(), name);
      assertTrue(Manifests.container(d).getVolumeMounts().stream().anyMatch(v -> v.getMountPath().equals("/tmp")),
          name + ": Vert.x writes its file cache under /tmp");
    }
    for (var namespace : m.namespaces.values()) {
      assertEquals("restricted", namespace.getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"));
    }
  }
}
