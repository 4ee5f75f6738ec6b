package care.sij.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The few Kustomize features deploy/kubernetes uses, rendered without kustomize: resources (files and
 * directories), namespace, images, and strategic-merge patches of ConfigMaps and NetworkPolicies, whose
 * patched fields are maps or lists without merge keys (replaced whole), so a plain merge renders them as
 * kustomize does. Anything else in a kustomization is refused rather than rendered wrongly.
 */
final class Kustomize {
  static final String FILE = "kustomization.yaml";
  private static final Set<String> KNOWN = Set.of("apiVersion", "kind", "resources", "namespace", "images", "patches");
  private static final Set<String> PATCHABLE = Set.of("v1/ConfigMap", "networking.k8s.io/v1/NetworkPolicy");

  /** A document and the file it came from. */
  record Document(Path file, JsonNode node) {
    String where() {
      return file + " (" + Strict.typeKey(node) + " " + node.path("metadata").path("name").asText() + ")";
    }
  }

  /** The documents a kustomization renders to, the namespace it sets (or null), and every file it read. */
  record Rendered(Path root, List<Document> documents, String namespace, Set<Path> files) {}

  private Kustomize() {}

  static Rendered render(Path dir) {
    Path file = dir.resolve(FILE);
    JsonNode k = single(file);
    if (!"kustomize.config.k8s.io/v1beta1".equals(k.path("apiVersion").asText()) || !"Kustomization".equals(k.path("kind").asText())) {
      throw new IllegalArgumentException(file + ": not a kustomize.config.k8s.io/v1beta1 Kustomization");
    }
    for (Iterator<String> names = k.fieldNames(); names.hasNext();) {
      String name = names.next();
      if (!KNOWN.contains(name)) {
        throw new IllegalArgumentException(file + ": " + name + " is not rendered by this check; extend Kustomize or leave it out");
      }
    }
    Set<Path> files = new LinkedHashSet<>(List.of(file.normalize()));
    List<Document> documents = new ArrayList<>();
    String namespace = null;
    for (JsonNode resource : k.path("resources")) {
      Path path = dir.resolve(resource.asText()).normalize();
      if (Files.isDirectory(path)) {
        Rendered inner = render(path);
        files.addAll(inner.files());
        documents.addAll(inner.documents());
        namespace = inner.namespace();
      } else if (Files.isRegularFile(path)) {
        files.add(path);
        Strict.documents(path).forEach(node -> documents.add(new Document(path, node)));
      } else {
        throw new IllegalArgumentException(file + ": resource " + resource.asText() + " does not exist");
      }
    }
    for (JsonNode patch : k.path("patches")) {
      if (patch.size() != 1 || !patch.has("path")) {
        throw new IllegalArgumentException(file + ": only patches given by path alone are rendered: " + patch);
      }
      Path path = dir.resolve(patch.path("path").asText()).normalize();
      files.add(path);
      for (JsonNode change : Strict.documents(path)) {
        apply(documents, new Document(path, change));
      }
    }
    for (JsonNode image : k.path("images")) {
      retag(documents, image, file);
    }
    if (k.has("namespace")) {
      namespace = k.path("namespace").asText();
      for (Document d : documents) {
        if (!"Namespace".equals(d.node().path("kind").asText())) {
          ((ObjectNode) d.node().path("metadata")).put("namespace", namespace);
        }
      }
    }
    return new Rendered(dir, documents, namespace, files);
  }

  private static JsonNode single(Path file) {
    List<JsonNode> all = Strict.documents(file);
    if (all.size() != 1) {
      throw new IllegalArgumentException(file + ": one document expected, found " + all.size());
    }
    return all.get(0);
  }

  private static void apply(List<Document> documents, Document patch) {
    String key = Strict.typeKey(patch.node());
    if (!PATCHABLE.contains(key)) {
      throw new IllegalArgumentException(patch.where() + ": patches of " + key + " are not rendered by this check");
    }
    String name = patch.node().path("metadata").path("name").asText();
    List<Document> targets = documents.stream()
        .filter(d -> Strict.typeKey(d.node()).equals(key) && d.node().path("metadata").path("name").asText().equals(name)).toList();
    if (targets.size() != 1) {
      throw new IllegalArgumentException(patch.where() + ": patches " + targets.size() + " resources, not one");
    }
    merge((ObjectNode) targets.get(0).node(), patch.node());
  }

  /** Strategic merge for maps and for lists without merge keys: maps merge, lists and scalars replace, null removes. */
  private static void merge(ObjectNode target, JsonNode patch) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode current = target.get(field.getKey());
      if (field.getValue().isNull()) {
        target.remove(field.getKey());
      } else if (field.getValue().isObject() && current != null && current.isObject()) {
        merge((ObjectNode) current, field.getValue());
      } else {
        target.set(field.getKey(), field.getValue().deepCopy());
      }
    }
  }

  private static void retag(List<Document> documents, JsonNode image, Path file) {
    String name = image.path("name").asText();
    int changed = 0;
    for (Document d : documents) {
      if (!"Deployment".equals(d.node().path("kind").asText())) {
        continue;
      }
      for (JsonNode container : d.node().path("spec").path("template").path("spec").path("containers")) {
        String current = container.path("image").asText();
        int slash = current.lastIndexOf('/');
        int colon = current.indexOf(':', slash + 1);
        String currentName = colon < 0 ? current : current.substring(0, colon);
        String currentTag = colon < 0 ? null : current.substring(colon + 1);
        if (currentName.equals(name)) {
          String newName = image.has("newName") ? image.path("newName").asText() : currentName;
          String newTag = image.has("newTag") ? image.path("newTag").asText() : currentTag;
          ((ObjectNode) container).put("image", newTag == null ? newName : newName + ":" + newTag);
          changed++;
        }
      }
    }
    if (changed == 0) {
      throw new IllegalArgumentException(file + ": image " + name + " names no container's image");
    }
  }
}
