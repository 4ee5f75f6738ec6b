package care.sij.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** YAML read into fabric8's typed model, refusing every field the model does not know. */
final class Strict {
  /** What each apiVersion and kind is read as; anything else is refused. */
  static final Map<String, Class<?>> TYPES = Map.of(
      "v1/Namespace", Namespace.class,
      "v1/ConfigMap", ConfigMap.class,
      "v1/Secret", Secret.class,
      "v1/Service", Service.class,
      "apps/v1/Deployment", Deployment.class,
      "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
      "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
      "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
      "postgresql.cnpg.io/v1/Cluster", CnpgCluster.class);

  /**
   * fabric8's model classes keep unknown fields in additionalProperties (@JsonAnySetter), which would let a
   * misspelled field pass unseen: without any-setters Jackson refuses them like any unknown property.
   */
  private static final class NoAnySetter extends JacksonAnnotationIntrospector {
    @Override
    public Boolean hasAnySetter(Annotated a) {
      return Boolean.FALSE;
    }
  }

  static final ObjectMapper MAPPER = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .annotationIntrospector(new NoAnySetter())
      .build();

  private Strict() {}

  /** Every document of a YAML file (empty ones left out). */
  static List<JsonNode> documents(Path file) {
    List<JsonNode> all = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(file.toFile())) {
      parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      var it = MAPPER.readValues(parser, JsonNode.class);
      while (it.hasNextValue()) {
        JsonNode node = it.nextValue();
        if (node != null && !node.isNull() && !node.isMissingNode()) {
          all.add(node);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return all;
  }

  static List<JsonNode> documents(String yaml) {
    try {
      List<JsonNode> all = new ArrayList<>();
      var it = MAPPER.readerFor(JsonNode.class).<JsonNode>readValues(yaml);
      while (it.hasNextValue()) {
        all.add(it.nextValue());
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String typeKey(JsonNode document) {
    return document.path("apiVersion").asText() + "/" + document.path("kind").asText();
  }

  /** The document as its typed model object; fails on an unknown kind or any unknown field, at any depth. */
  static Object typed(JsonNode document, String where) {
    Class<?> type = TYPES.get(typeKey(document));
    if (type == null) {
      throw new IllegalArgumentException(where + ": no typed model for " + typeKey(document));
    }
    try {
      Object parsed = MAPPER.treeToValue(document, type);
      String name = parsed instanceof HasMetadata m ? m.getMetadata() == null ? null : m.getMetadata().getName()
          : ((CnpgCluster) parsed).metadata().getName();
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException(where + ": " + typeKey(document) + " without metadata.name");
      }
      return parsed;
    } catch (IOException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }
}
