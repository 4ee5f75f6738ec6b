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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The current rule set, read from seeds/triage/ruleset.yaml at start-up and recorded by version.
 * A seed file that changed without a new version stops start-up: a version always means one set of rules.
 */
@Singleton
public class RuleSets {
  static final String RULESET = "seeds/triage/ruleset.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final EntityManager em;
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
    current = record(RuleSetParser.parse(RULESET, read(RULESET), SymptomReport.answerFields(), sources));
  }

  /** Stores a new version, or checks that a known one is unchanged. */
  @Transactional
  RuleSet record(RuleSet parsed) {
    // several replicas may start together: one records the version, the others see it
    em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('triage.ruleset'))").getSingleResult();
    List<?> stored = em.createNativeQuery("SELECT digest FROM ruleset WHERE version = ?1").setParameter(1, parsed.version()).getResultList();
    if (stored.isEmpty()) {
      em.createNativeQuery("INSERT INTO ruleset (version, digest, document, loaded_at) VALUES (?1, ?2, cast(?3 AS jsonb), ?4)")
          .setParameter(1, parsed.version()).setParameter(2, parsed.digest())
          .setParameter(3, parsed.document().toString()).setParameter(4, Instant.now()).executeUpdate();
    } else if (!stored.get(0).equals(parsed.digest())) {
      throw new IllegalStateException(RULESET + " differs from the rule set stored as version " + parsed.version()
          + ": changing the rules needs a new version, so that earlier assessments keep theirs");
    }
    return parsed;
  }

  public RuleSet current() {
    return current;
  }

  /** Any version ever loaded, as its document. */
  public JsonNode document(String version) {
    if (version.equals(current.version())) {
      return current.document();
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
