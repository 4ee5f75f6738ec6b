package care.sij.triage.domain;

import care.sij.common.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every rule set the repository has published, read at start-up from the files seeds/triage/rulesets.yaml
 * lists, oldest first, and recorded by version; the last one is current. A file that changed without a new
 * version stops start-up: a version always means one set of rules, so earlier assessments keep theirs.
 */
@Singleton
public class RuleSets {
  static final String INDEX = "seeds/triage/rulesets.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final EntityManager em;
  private Map<String, RuleSet> published = Map.of();
  private RuleSet current;

  RuleSets(EntityManager em) {
    this.em = em;
  }

  @Transactional
  void load(@Observes StartupEvent start) {
    Map<String, String> sources = new LinkedHashMap<>();
    for (String file : List.of("seeds/sources.yaml", "seeds/triage/guidelines.yaml")) {
      read(file).forEach(s -> sources.put(s.path("id").asText(), s.path("title").asText()));
    }
    List<String> files = new ArrayList<>();
    read(INDEX).forEach(f -> files.add("seeds/triage/" + f.asText()));
    if (files.isEmpty()) {
      throw new IllegalStateException(INDEX + " lists no rule set");
    }
    Map<String, RuleSet> loaded = new LinkedHashMap<>();
    RuleSet newest = null;
    for (int i = 0; i < files.size(); i++) {
      String file = files.get(i);
      RuleSetParser.Use use = i == files.size() - 1 ? RuleSetParser.Use.CURRENT : RuleSetParser.Use.EARLIER;
      RuleSet ruleSet = record(file, RuleSetParser.parse(file, read(file), use, SymptomReport.answerFields(), sources));
      if (loaded.putIfAbsent(ruleSet.version(), ruleSet) != null) {
        throw new IllegalStateException(file + ": version " + ruleSet.version() + " is published twice in " + INDEX);
      }
      newest = ruleSet;
    }
    published = Map.copyOf(loaded);
    current = newest;
  }

  /** Stores a new version, or checks that a known one is unchanged. */
  @Transactional
  RuleSet record(RuleSet parsed) {
    return record("a rule set", parsed);
  }

  private RuleSet record(String file, RuleSet parsed) {
    // several replicas may start together: one records the version, the others see it
    em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('triage.ruleset'))").getSingleResult();
    List<?> stored = em.createNativeQuery("SELECT digest FROM ruleset WHERE version = ?1").setParameter(1, parsed.version()).getResultList();
    if (stored.isEmpty()) {
      em.createNativeQuery("INSERT INTO ruleset (version, digest, document, loaded_at) VALUES (?1, ?2, cast(?3 AS jsonb), ?4)")
          .setParameter(1, parsed.version()).setParameter(2, parsed.digest())
          .setParameter(3, parsed.document().toString()).setParameter(4, Instant.now()).executeUpdate();
    } else if (!stored.get(0).equals(parsed.digest())) {
      throw new IllegalStateException(file + " differs from the rule set stored as version " + parsed.version()
          + ": changing the rules needs a new version, so that earlier assessments keep theirs");
    }
    return parsed;
  }

  public RuleSet current() {
    return current;
  }

  /** Any version ever loaded, as its document: from the published files, else as recorded. */
  public JsonNode document(String version) {
    RuleSet known = published.get(version);
    if (known != null) {
      return known.document();
    }
    List<?> rows = em.createNativeQuery("SELECT cast(document AS text) FROM ruleset WHERE version = ?1")
        .setParameter(1, version).getResultList();
    if (rows.isEmpty()) {
      throw new ProblemException.NotFound("rule set version", version);
    }
    try {
      return YAML.readTree((String) rows.get(0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(String file) {
    try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException(file + " is missing from the build");
      }
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }
}
