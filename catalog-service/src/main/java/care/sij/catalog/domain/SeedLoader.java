package care.sij.catalog.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Brings the tables in line with the seed files, idempotently: an unchanged entry is not touched
 * (so a restart changes nothing and curator edits of seeded entries survive it), a new or edited
 * entry is written as the file says it, and an entry removed from its file is retired, not
 * deleted, so that old references keep resolving.
 */
@ApplicationScoped
public class SeedLoader {
  private static final Logger LOG = Logger.getLogger(SeedLoader.class);

  /** What one run changed. */
  public record Changes(int added, int updated, int retired) {
    Changes plus(Changes other) {
      return new Changes(added + other.added, updated + other.updated, retired + other.retired);
    }
  }

  @Transactional
  public Changes apply(SeedFiles.Seeds seeds) {
    DefinitionRow.lockForWrite(); // replicas starting together load one after another
    Changes sources = applySources(seeds.sources());
    Changes exercises = applyDefinitions("exercise", ExerciseRow.<ExerciseRow>listAll(), ExerciseRow::new, seeds.exercises(), Exercise::id);
    Changes routines = applyDefinitions("routine", RoutineRow.<RoutineRow>listAll(), RoutineRow::new, seeds.routines(), Routine::id);
    Changes topics = applyDefinitions("topic", TopicRow.<TopicRow>listAll(), TopicRow::new, seeds.topics(), Topic::id);
    Changes all = sources.plus(exercises).plus(routines).plus(topics);
    LOG.infof("Catalog seeds: %d sources, %d exercises, %d routines, %d topics; %d added, %d updated, %d retired",
        seeds.sources().size(), seeds.exercises().size(), seeds.routines().size(), seeds.topics().size(), all.added(), all.updated(),
        all.retired());
    return all;
  }

  private static <T, R extends DefinitionRow> Changes applyDefinitions(String kind, List<R> stored, Supplier<R> create, List<T> entries,
      Function<T, String> idOf) {
    Map<String, R> rows = stored.stream().collect(Collectors.toMap(r -> r.id, r -> r));
    int added = 0;
    int updated = 0;
    int retired = 0;
    Set<String> seeded = new HashSet<>();
    for (T entry : entries) {
      String id = idOf.apply(entry);
      seeded.add(id);
      String hash = CatalogJson.fingerprint(entry);
      R row = rows.get(id);
      if (row == null) {
        row = create.get();
        row.id = id;
        row.seedHash = hash;
        row.write(entry, false);
        row.persist();
        added++;
      } else if (!hash.equals(row.seedHash)) {
        LOG.infof("Seed %s '%s' is new or edited in the seed file: applied%s", kind, id, row.seedHash == null ? " (replacing a curator's or a retired version)" : "");
        row.seedHash = hash;
        row.write(entry, false);
        updated++;
      }
    }
    for (R row : rows.values()) {
      if (row.seedHash != null && !seeded.contains(row.id)) {
        LOG.infof("Seed %s '%s' was removed from the seed file: retired", kind, row.id);
        row.seedHash = null; // no seed defines it any more; if it comes back, it is applied again
        if (!row.retired) {
          row.retired = true;
          row.touch();
        }
        retired++;
      }
    }
    return new Changes(added, updated, retired);
  }

  private static Changes applySources(List<Source> sources) {
    int added = 0;
    int updated = 0;
    for (Source source : sources) {
      SourceRow row = SourceRow.findById(source.id());
      boolean isNew = row == null;
      if (isNew) {
        row = new SourceRow();
        row.id = source.id();
      } else if (Objects.equals(row.toSource(), new Source(source.id(), source.title(), source.author(), source.publisher(), null,
          source.summary(), source.studies() == null ? List.of() : source.studies()))) {
        continue;
      }
      row.title = source.title();
      row.author = source.author();
      row.publisher = source.publisher();
      row.summary = source.summary();
      row.studies = source.studies() == null ? List.of() : source.studies();
      row.revision = DefinitionRow.nextRevision();
      row.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
      if (isNew) {
        row.persist();
        added++;
      } else {
        updated++;
      }
    }
    return new Changes(added, updated, 0);
  }
}
