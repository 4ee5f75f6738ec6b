package care.sij.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The namespace's NetworkPolicies allow the real call paths and nothing else. */
class NetworkPolicyTest {
  static Stream<String> kustomizations() throws IOException {
    return Manifests.kustomizations();
  }

  /** The namespace's pods: the Deployments' and, for each CloudNativePG cluster, its instances (labelled and listening as the operator makes them). */
  private static List<Network.Endpoint> pods(Manifests m) {
    String namespace = Objects.requireNonNullElse(m.rendered.namespace(), "sij-care");
    List<Network.Endpoint> pods = new ArrayList<>();
    m.deployments.values().forEach(d -> pods.add(Network.Endpoint.pod(d.getMetadata().getName(), namespace, Manifests.podLabels(d),
        Manifests.container(d).getPorts().stream().map(p -> new Network.Port(p.getContainerPort(), "TCP", p.getName())).toList())
        .local(namespace)));
    m.clusters.values().forEach(c -> pods.add(Network.Endpoint.pod(c.metadata().getName(), namespace,
        Map.of(CnpgCluster.CLUSTER_LABEL, c.metadata().getName(), "cnpg.io/podRole", "instance"),
        List.of(new Network.Port(5432, "TCP", "postgresql"), new Network.Port(8000, "TCP", "status"), new Network.Port(9187, "TCP", "metrics")))
        .local(namespace)));
    return pods;
  }

  private static NetworkPolicyPeer onlyAddressPeer(Manifests m, String policy) {
    var egress = m.policies.get(policy).getSpec().getEgress();
    assertEquals(1, egress.size(), policy);
    assertEquals(1, egress.get(0).getTo().size(), policy);
    return egress.get(0).getTo().get(0);
  }

  private static int onlyPort(Manifests m, String policy) {
    List<NetworkPolicyPort> ports = m.policies.get(policy).getSpec().getEgress().get(0).getPorts();
    assertEquals(1, ports.size(), policy);
    return ports.get(0).getPort().getIntVal();
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void onlyTheRealCallPathsAreAllowed(String kustomization) {
    Manifests m = Manifests.load(kustomization);
    int idp = onlyPort(m, "identity-provider-egress");
    int api = onlyPort(m, "sij-postgres-api-server-egress");
    List<Network.Endpoint> world = new ArrayList<>(pods(m));
    world.add(Network.Endpoint.pod("ingress-controller", "ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"), List.of()));
    world.add(Network.Endpoint.pod("prometheus", "monitoring", Map.of("app.kubernetes.io/name", "prometheus"), List.of()));
    world.add(Network.Endpoint.pod("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns"),
        List.of(new Network.Port(53, "UDP", "dns"), new Network.Port(53, "TCP", "dns-tcp"))));
    world.add(Network.Endpoint.pod("cnpg-operator", "cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg"), List.of()));
    world.add(Network.Endpoint.pod("other-app", "default", Map.of("app.kubernetes.io/name", "other"), List.of(Network.Port.tcp(8080))));
    world.add(Network.Endpoint.address("identity-provider", Network.first(onlyAddressPeer(m, "identity-provider-egress").getIpBlock().getCidr()),
        List.of(Network.Port.tcp(idp))));
    world.add(Network.Endpoint.address("api-server", Network.first(onlyAddressPeer(m, "sij-postgres-api-server-egress").getIpBlock().getCidr()),
        List.of(Network.Port.tcp(api))));
    world.add(Network.Endpoint.address("internet", "203.0.113.7", List.of(Network.Port.tcp(443), Network.Port.tcp(80))));

    Set<String> expected = new TreeSet<>(List.of(
        "ingress-controller -> catalog:8081/TCP", "ingress-controller -> triage:8082/TCP", "ingress-controller -> progress:8083/TCP",
        "prometheus -> catalog:8091/TCP", "prometheus -> triage:8092/TCP", "prometheus -> progress:8093/TCP",
        "prometheus -> sij-postgres:9187/TCP",
        "triage -> catalog:8081/TCP", "progress -> catalog:8081/TCP", "progress -> triage:8082/TCP",
        "catalog -> sij-postgres:5432/TCP", "triage -> sij-postgres:5432/TCP", "progress -> sij-postgres:5432/TCP",
        "sij-postgres -> sij-postgres:5432/TCP", "sij-postgres -> sij-postgres:8000/TCP",
        "cnpg-operator -> sij-postgres:5432/TCP", "cnpg-operator -> sij-postgres:8000/TCP",
        "catalog -> identity-provider:" + idp + "/TCP", "triage -> identity-provider:" + idp + "/TCP",
        "progress -> identity-provider:" + idp + "/TCP",
        "sij-postgres -> api-server:" + api + "/TCP"));
    for (String pod : List.of("catalog", "triage", "progress", "sij-postgres")) {
      expected.add(pod + " -> kube-dns:53/UDP");
      expected.add(pod + " -> kube-dns:53/TCP");
    }
    Network network = new Network(m.policies.values());
    assertEquals(expected, network.allowed(world));
    Set<String> local = pods(m).stream().map(Network.Endpoint::name).collect(java.util.stream.Collectors.toSet());
    assertEquals(expected.stream().filter(e -> local.contains(e.substring(0, e.indexOf(" -> ")))).collect(java.util.stream.Collectors.toCollection(TreeSet::new)),
        network.allowed(world, Network.Ends.SOURCE), "the sources' egress rules alone");
    assertEquals(expected.stream().filter(e -> local.contains(e.substring(e.indexOf(" -> ") + 4, e.lastIndexOf(':')))).collect(java.util.stream.Collectors.toCollection(TreeSet::new)),
        network.allowed(world, Network.Ends.DESTINATION), "the destinations' ingress rules alone");
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void everyPodIsIsolatedBothWays(String kustomization) {
    Manifests m = Manifests.load(kustomization);
    Network network = new Network(m.policies.values());
    for (Network.Endpoint pod : pods(m)) {
      assertTrue(network.isolated(pod, "Ingress") && network.isolated(pod, "Egress"), pod.name() + " is not under default deny");
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void policiesSelectExistingPodsOnPortsTheyDeclare(String kustomization) {
    Manifests m = Manifests.load(kustomization);
    List<Network.Endpoint> pods = pods(m);
    for (NetworkPolicy policy : m.policies.values()) {
      String name = policy.getMetadata().getName();
      List<Network.Endpoint> selected = pods.stream().filter(p -> Manifests.selects(policy.getSpec().getPodSelector(), p.labels())).toList();
      assertFalse(selected.isEmpty(), name + " selects no pod");
      for (var rule : Objects.requireNonNullElse(policy.getSpec().getIngress(), List.<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule>of())) {
        for (NetworkPolicyPeer peer : rule.getFrom()) {
          if (peer.getNamespaceSelector() == null && peer.getIpBlock() == null) {
            assertFalse(pods.stream().noneMatch(p -> Network.peer(peer, p)), name + ": a peer selects no pod");
          }
        }
        for (NetworkPolicyPort port : rule.getPorts()) {
          for (Network.Endpoint pod : selected) {
            assertTrue(pod.ports().stream().anyMatch(p -> Network.port(port, p)), name + ": " + pod.name() + " has no port " + port.getPort());
          }
        }
      }
      for (var rule : Objects.requireNonNullElse(policy.getSpec().getEgress(), List.<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule>of())) {
        for (NetworkPolicyPeer peer : rule.getTo()) {
          if (peer.getNamespaceSelector() == null && peer.getIpBlock() == null) {
            List<Network.Endpoint> targets = pods.stream().filter(p -> Network.peer(peer, p)).toList();
            assertFalse(targets.isEmpty(), name + ": a peer selects no pod");
            for (NetworkPolicyPort port : rule.getPorts()) {
              for (Network.Endpoint target : targets) {
                assertTrue(target.ports().stream().anyMatch(p -> Network.port(port, p)), name + ": " + target.name() + " has no port " + port.getPort());
              }
            }
          }
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void theIdentityProvidersUrlsUseThePortItsEgressAllows(String kustomization) {
    Manifests m = Manifests.load(kustomization);
    int port = onlyPort(m, "identity-provider-egress");
    Set<String> hosts = new TreeSet<>();
    m.configMaps.get("sij-identity").getData().forEach((key, value) -> {
      if (value.startsWith("/")) {
        return; // a path under SIJ_OIDC_URL
      }
      URI url = URI.create(value);
      assertEquals("https", url.getScheme(), key);
      assertEquals(port, url.getPort() == -1 ? 443 : url.getPort(), key + "=" + value);
      hosts.add(url.getHost());
    });
    assertEquals(1, hosts.size(), "one identity provider: " + hosts);
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void managementPortsAreNotBehindServices(String kustomization) {
    Manifests m = Manifests.load(kustomization);
    m.services.values().forEach(s -> s.getSpec().getPorts().forEach(p -> {
      ContainerPort target = Manifests.port(Manifests.container(m.deployments.get(s.getMetadata().getName())), p.getTargetPort()).orElseThrow();
      assertEquals("http", target.getName(), s.getMetadata().getName());
    }));
  }
}
