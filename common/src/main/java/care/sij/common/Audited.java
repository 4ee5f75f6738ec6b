package care.sij.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An operation on patient-level data (or on the shared catalog): each call to it, whatever its
 * outcome, leaves one event in the service's audit trail ({@link AuditTrail}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {
  /** What kind of record it touches: patient, pain-entry, session, progress, alert, assessment, ... */
  String resource();

  /** read, create, change, erase, acknowledge, resolve; empty: from the HTTP method. */
  String action() default "";

  /** The path parameter holding the patient's id; empty: the record's own, a patientId path or query parameter, or none. */
  String patient() default "";

  /** The path parameter holding the record's id; empty: the record's own, or the Location of what was created. */
  String id() default "";

  /** A response record that knows the patient and the id of what it shows. */
  interface Record {
    /** The patient's id (or the tenant's pseudonymous ref where a service knows no id); null if none. */
    String auditPatient();

    String auditId();
  }
}
