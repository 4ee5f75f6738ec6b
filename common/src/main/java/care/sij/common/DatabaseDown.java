package care.sij.common;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a failure of the database's availability (no connection to be had, one lost, the server
 * shutting down or full) from a failure of ours: the first is answered 503 with Retry-After, for a
 * client to retry (with its Idempotency-Key), the second 500.
 */
public final class DatabaseDown {
  private DatabaseDown() {}

  /** Whether the failure, or one of its causes, says the database cannot be reached now. */
  public static boolean causes(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("08") // connection exception
            || state.startsWith("57P") // the server shutting down, crashed, or not yet accepting
            || state.equals("53300"))) { // too many connections
          return true;
        }
        if (sql.getMessage() != null && sql.getMessage().contains("acquisition timeout")) { // the pool had none to give
          return true;
        }
      }
    }
    return false;
  }
}
