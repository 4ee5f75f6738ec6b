package care.sij.deploy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * NetworkPolicy semantics (networking.k8s.io/v1) over a small world of endpoints: the namespace's pods and a
 * few outside it, so that what the policies allow can be listed and compared with the real call paths.
 */
final class Network {
  /** A port a destination listens on: its number, protocol and name (null when unnamed). */
  record Port(int number, String protocol, String name) {
    static Port tcp(int number) {
      return new Port(number, "TCP", null);
    }

    @Override
    public String toString() {
      return number + "/" + protocol;
    }
  }

  /**
   * A pod (namespace labels, pod labels) or, when ip is set, an address outside the cluster; ports are those it
   * listens on, each check also trying a port nobody declared.
   */
  record Endpoint(String name, boolean inNamespace, Map<String, String> namespaceLabels, Map<String, String> labels, String ip,
      List<Port> ports) {
    static Endpoint pod(String name, String namespace, Map<String, String> labels, List<Port> ports) {
      return new Endpoint(name, false, Map.of("kubernetes.io/metadata.name", namespace), labels, null, ports);
    }

    static Endpoint address(String name, String ip, List<Port> ports) {
      return new Endpoint(name, false, null, null, ip, ports);
    }

    Endpoint local(String namespace) {
      return new Endpoint(name, true, Map.of("kubernetes.io/metadata.name", namespace), labels, null, ports);
    }

    boolean isPod() {
      return ip == null;
    }
  }

  private final Collection<NetworkPolicy> policies;

  Network(Collection<NetworkPolicy> policies) {
    this.policies = policies;
  }

  private List<NetworkPolicy> selecting(Endpoint pod, String type) {
    return policies.stream().filter(p -> types(p).contains(type) && Manifests.selects(p.getSpec().getPodSelector(), pod.labels())).toList();
  }

  static Set<String> types(NetworkPolicy p) {
    if (p.getSpec().getPolicyTypes() != null && !p.getSpec().getPolicyTypes().isEmpty()) {
      return Set.copyOf(p.getSpec().getPolicyTypes());
    }
    return p.getSpec().getEgress() == null || p.getSpec().getEgress().isEmpty() ? Set.of("Ingress") : Set.of("Ingress", "Egress");
  }

  /** Whether the namespace's pods isolate this pod in a direction (a policy of that type selects it). */
  boolean isolated(Endpoint pod, String type) {
    return !selecting(pod, type).isEmpty();
  }

  /** Which ends' policies a connection is judged by: both, as the network does, or one alone, to show each side is tight by itself. */
  enum Ends { BOTH, SOURCE, DESTINATION }

  /** Whether a connection from one endpoint to a port of another is allowed, both ends' policies considered. */
  boolean allows(Endpoint from, Endpoint to, Port port) {
    return allows(from, to, port, Ends.BOTH);
  }

  boolean allows(Endpoint from, Endpoint to, Port port, Ends ends) {
    boolean out = ends == Ends.DESTINATION || !from.inNamespace() || selecting(from, "Egress").isEmpty() || selecting(from, "Egress").stream()
        .flatMap(p -> p.getSpec().getEgress() == null ? java.util.stream.Stream.empty() : p.getSpec().getEgress().stream())
        .anyMatch(rule -> peers(rule.getTo(), to) && ports(rule.getPorts(), port));
    boolean in = ends == Ends.SOURCE || !to.inNamespace() || selecting(to, "Ingress").isEmpty() || selecting(to, "Ingress").stream()
        .flatMap(p -> p.getSpec().getIngress() == null ? java.util.stream.Stream.empty() : p.getSpec().getIngress().stream())
        .anyMatch(rule -> peers(rule.getFrom(), from) && ports(rule.getPorts(), port));
    return out && in;
  }

  /** Every allowed connection among these endpoints, as "from -> to:port/protocol"; a port nobody declared is tried too. */
  Set<String> allowed(List<Endpoint> endpoints) {
    return allowed(endpoints, Ends.BOTH);
  }

  /**
   * The same, judged by one end's policies alone: by the source's egress (connections from the namespace's pods
   * only) or by the destination's ingress (connections to them only).
   */
  Set<String> allowed(List<Endpoint> endpoints, Ends ends) {
    Set<String> allowed = new TreeSet<>();
    for (Endpoint from : endpoints) {
      for (Endpoint to : endpoints) {
        if (ends == Ends.SOURCE ? !from.inNamespace() : ends == Ends.DESTINATION ? !to.inNamespace() : !from.inNamespace() && !to.inNamespace()) {
          continue;
        }
        List<Port> tried = new java.util.ArrayList<>(to.ports());
        tried.add(Port.tcp(9));
        tried.add(new Port(9, "UDP", null));
        for (Port port : tried) {
          if (allows(from, to, port, ends)) {
            allowed.add(from.name() + " -> " + to.name() + ":" + port);
          }
        }
      }
    }
    return allowed;
  }

  private static boolean peers(List<NetworkPolicyPeer> peers, Endpoint other) {
    return peers == null || peers.isEmpty() || peers.stream().anyMatch(peer -> peer(peer, other));
  }

  static boolean peer(NetworkPolicyPeer peer, Endpoint other) {
    if (peer.getIpBlock() != null) {
      return other.ip() != null && inBlock(peer.getIpBlock(), other.ip());
    }
    if (!other.isPod()) {
      return false;
    }
    if (peer.getNamespaceSelector() == null) {
      return other.inNamespace() && Manifests.selects(peer.getPodSelector(), other.labels());
    }
    return Manifests.selects(peer.getNamespaceSelector(), other.namespaceLabels())
        && (peer.getPodSelector() == null || Manifests.selects(peer.getPodSelector(), other.labels()));
  }

  private static boolean ports(List<NetworkPolicyPort> ports, Port port) {
    return ports == null || ports.isEmpty() || ports.stream().anyMatch(p -> port(p, port));
  }

  static boolean port(NetworkPolicyPort rule, Port port) {
    if (!Objects.requireNonNullElse(rule.getProtocol(), "TCP").equals(port.protocol())) {
      return false;
    }
    IntOrString number = rule.getPort();
    if (number == null) {
      return true;
    }
    if (number.getIntVal() == null) {
      return number.getStrVal().equals(port.name());
    }
    int last = rule.getEndPort() == null ? number.getIntVal() : rule.getEndPort();
    return port.number() >= number.getIntVal() && port.number() <= last;
  }

  static boolean inBlock(IPBlock block, String ip) {
    return inCidr(block.getCidr(), ip) && (block.getExcept() == null || block.getExcept().stream().noneMatch(e -> inCidr(e, ip)));
  }

  static boolean inCidr(String cidr, String ip) {
    String[] parts = cidr.split("/");
    byte[] network = address(parts[0]);
    byte[] address = address(ip);
    if (network.length != address.length) {
      return false;
    }
    int bits = network.length * 8;
    int prefix = Integer.parseInt(parts[1]);
    BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefix).not();
    return new BigInteger(1, network).and(mask).equals(new BigInteger(1, address).and(mask));
  }

  private static byte[] address(String literal) {
    try {
      return InetAddress.getByName(literal).getAddress(); // a literal address: no name is looked up
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  /** The first address of a CIDR block, to stand for what the block names. */
  static String first(String cidr) {
    byte[] network = address(cidr.split("/")[0]);
    int prefix = Integer.parseInt(cidr.split("/")[1]);
    if (prefix < network.length * 8) {
      network[network.length - 1] |= 1;
    }
    try {
      return InetAddress.getByAddress(network).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(cidr, e);
    }
  }
}
