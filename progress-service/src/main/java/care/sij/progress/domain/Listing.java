package care.sij.progress.domain;

import care.sij.common.Cursor;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Newest-first pages of a patient's timed records (pain entries, sessions), between from and to. */
final class Listing {
  private Listing() {}

  static <T> List<T> page(Class<T> type, UUID patientId, Instant from, Instant to, Cursor after, int limit) {
    StringBuilder jpql = new StringBuilder("from " + type.getSimpleName() + " where patientId = :patient");
    if (from != null) {
      jpql.append(" and at >= :from");
    }
    if (to != null) {
      jpql.append(" and at <= :to");
    }
    if (after != null) {
      jpql.append(" and (at < :at or (at = :at and id < :id))");
    }
    TypedQuery<T> query = Panache.getEntityManager().createQuery(jpql + " order by at desc, id desc", type)
        .setParameter("patient", patientId).setMaxResults(limit);
    if (from != null) {
      query.setParameter("from", from);
    }
    if (to != null) {
      query.setParameter("to", to);
    }
    if (after != null) {
      query.setParameter("at", after.at()).setParameter("id", after.id());
    }
    return query.getResultList();
  }
}
