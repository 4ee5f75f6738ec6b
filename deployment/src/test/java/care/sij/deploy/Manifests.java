package care.sij.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** One kustomization's rendered resources, each in its typed model, with the look-ups the checks need. */
final class Manifests {
  final Kustomize.Rendered rendered;
  final List<Object> all = new ArrayList<>();
  final Map<String, Deployment> deployments = new LinkedHashMap<>();
  final Map<String, Service> services = new LinkedHashMap<>();
  final Map<String, ConfigMap> configMaps = new LinkedHashMap<>();
  final Map<String, Secret> secrets = new LinkedHashMap<>();
  final Map<String, PodDisruptionBudget> budgets = new LinkedHashMap<>();
  final Map<String, HorizontalPodAutoscaler> autoscalers = new LinkedHashMap<>();
  final Map<String, NetworkPolicy> policies = new LinkedHashMap<>();
  final Map<String, Namespace> namespaces = new LinkedHashMap<>();
  final Map<String, CnpgCluster> clusters = new LinkedHashMap<>();

  /** Where deploy/kubernetes is in this checkout. */
  static Path root() {
    String configured = System.getProperty("sij.repository.root");
    Path repository = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("..").toAbsolutePath().normalize();
    return repository.resolve("deploy/kubernetes");
  }

  /** Every directory under deploy/kubernetes with a kustomization, as a path relative to it. */
  static Stream<String> kustomizations() throws java.io.IOException {
    Path root = root();
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.getFileName().toString().equals(Kustomize.FILE))
          .map(p -> root.relativize(p.getParent()).toString()).sorted().toList().stream();
    }
  }

  static Manifests load(String kustomization) {
    return new Manifests(Kustomize.render(root().resolve(kustomization)));
  }

  Manifests(Kustomize.Rendered rendered) {
    this.rendered = rendered;
    for (Kustomize.Document d : rendered.documents()) {
      Object typed = Strict.typed(d.node(), d.where());
      all.add(typed);
      if (typed instanceof Deployment x) {
        put(deployments, x, d);
      } else if (typed instanceof Service x) {
        put(services, x, d);
      } else if (typed instanceof ConfigMap x) {
        put(configMaps, x, d);
      } else if (typed instanceof Secret x) {
        put(secrets, x, d);
      } else if (typed instanceof PodDisruptionBudget x) {
        put(budgets, x, d);
      } else if (typed instanceof HorizontalPodAutoscaler x) {
        put(autoscalers, x, d);
      } else if (typed instanceof NetworkPolicy x) {
        put(policies, x, d);
      } else if (typed instanceof Namespace x) {
        put(namespaces, x, d);
      } else if (typed instanceof CnpgCluster x) {
        put(clusters, x.metadata().getName(), x, d);
      } else {
        throw new IllegalStateException(d.where());
      }
    }
  }

  private static <T extends HasMetadata> void put(Map<String, T> into, T value, Kustomize.Document d) {
    put(into, value.getMetadata().getName(), value, d);
  }

  private static <T> void put(Map<String, T> into, String name, T value, Kustomize.Document d) {
    if (into.putIfAbsent(name, value) != null) {
      throw new IllegalArgumentException(d.where() + ": a second resource of this kind and name");
    }
  }

  static Container container(Deployment deployment) {
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    if (containers.size() != 1) {
      throw new AssertionError(deployment.getMetadata().getName() + ": one container expected");
    }
    return containers.get(0);
  }

  static Map<String, String> podLabels(Deployment deployment) {
    return deployment.getSpec().getTemplate().getMetadata().getLabels();
  }

  /** Whether a label selector selects these labels (an empty selector selects everything). */
  static boolean selects(LabelSelector selector, Map<String, String> labels) {
    Map<String, String> have = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null
        && !selector.getMatchLabels().entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())))) {
      return false;
    }
    for (LabelSelectorRequirement r : selector.getMatchExpressions() == null ? List.<LabelSelectorRequirement>of() : selector.getMatchExpressions()) {
      String value = have.get(r.getKey());
      boolean ok = switch (r.getOperator()) {
        case "In" -> value != null && r.getValues().contains(value);
        case "NotIn" -> value == null || !r.getValues().contains(value);
        case "Exists" -> value != null;
        case "DoesNotExist" -> value == null;
        default -> throw new IllegalArgumentException("selector operator " + r.getOperator());
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The container port a Service's targetPort or a probe's port names, by name or by number. */
  static Optional<ContainerPort> port(Container container, IntOrString port) {
    return container.getPorts().stream()
        .filter(p -> port.getIntVal() != null ? port.getIntVal().equals(p.getContainerPort()) : port.getStrVal().equals(p.getName()))
        .findFirst();
  }

  /** A Secret's value for a key, from stringData or (base64) data, or null. */
  static String value(Secret secret, String key) {
    if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
      return secret.getStringData().get(key);
    }
    if (secret.getData() != null && secret.getData().containsKey(key)) {
      return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
    return null;
  }

  /** A container's environment as the kubelet would give it, every reference resolved; fails on one that does not resolve. */
  Map<String, String> environment(Deployment deployment) {
    Container container = container(deployment);
    String who = deployment.getMetadata().getName();
    Map<String, String> env = new HashMap<>();
    for (EnvFromSource from : container.getEnvFrom() == null ? List.<EnvFromSource>of() : container.getEnvFrom()) {
      if (from.getConfigMapRef() != null) {
        ConfigMap map = configMaps.get(from.getConfigMapRef().getName());
        if (map == null) {
          throw new AssertionError(who + ": envFrom names ConfigMap " + from.getConfigMapRef().getName() + ", which does not exist");
        }
        env.putAll(map.getData());
      } else if (from.getSecretRef() != null) {
        Secret secret = secrets.get(from.getSecretRef().getName());
        if (secret == null) {
          throw new AssertionError(who + ": envFrom names Secret " + from.getSecretRef().getName() + ", which does not exist");
        }
        Stream.concat(secret.getStringData() == null ? Stream.empty() : secret.getStringData().keySet().stream(),
            secret.getData() == null ? Stream.empty() : secret.getData().keySet().stream()).forEach(k -> env.put(k, value(secret, k)));
      }
    }
    if (container.getEnv().stream().map(EnvVar::getName).distinct().count() != container.getEnv().size()) {
      throw new AssertionError(who + ": a variable is set twice");
    }
    for (EnvVar var : container.getEnv()) {
      String value;
      if (var.getValueFrom() == null) {
        value = var.getValue();
      } else if (var.getValueFrom().getSecretKeyRef() != null) {
        var ref = var.getValueFrom().getSecretKeyRef();
        Secret secret = secrets.get(ref.getName());
        value = secret == null ? null : value(secret, ref.getKey());
        if (value == null || Boolean.TRUE.equals(ref.getOptional())) {
          throw new AssertionError(who + ": " + var.getName() + " names key " + ref.getKey() + " of Secret " + ref.getName()
              + (secret == null ? ", which does not exist" : ", which it does not have") + " (or is optional)");
        }
      } else if (var.getValueFrom().getConfigMapKeyRef() != null) {
        var ref = var.getValueFrom().getConfigMapKeyRef();
        ConfigMap map = configMaps.get(ref.getName());
        value = map == null || map.getData() == null ? null : map.getData().get(ref.getKey());
        if (value == null || Boolean.TRUE.equals(ref.getOptional())) {
          throw new AssertionError(who + ": " + var.getName() + " names key " + ref.getKey() + " of ConfigMap " + ref.getName()
              + (map == null ? ", which does not exist" : ", which it does not have") + " (or is optional)");
        }
      } else {
        throw new AssertionError(who + ": " + var.getName() + " comes from neither a Secret nor a ConfigMap");
      }
      env.put(var.getName(), value);
    }
    return env;
  }
}
