package care.sij.common;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;
import org.jboss.logging.MDC;

/**
 * Work handed from a request's thread to a pool that has no request context: the trace goes with it,
 * so that its calls to other services join the request's trace and its log lines carry the trace id.
 */
public final class Traces {
  /** The MDC keys Quarkus's OpenTelemetry sets on a request's own threads. */
  static final String TRACE_ID = "traceId";
  static final String SPAN_ID = "spanId";

  private Traces() {}

  /** The work, to run in the trace that is current now (where this is called). */
  public static <T> Supplier<T> carried(Supplier<T> work) {
    Context trace = Context.current();
    SpanContext span = Span.fromContext(trace).getSpanContext();
    if (!span.isValid()) {
      return work;
    }
    return () -> {
      Object traceBefore = MDC.get(TRACE_ID);
      Object spanBefore = MDC.get(SPAN_ID);
      MDC.put(TRACE_ID, span.getTraceId());
      MDC.put(SPAN_ID, span.getSpanId());
      try (Scope ignored = trace.makeCurrent()) {
        return work.get();
      } finally {
        restore(TRACE_ID, traceBefore);
        restore(SPAN_ID, spanBefore);
      }
    };
  }

  private static void restore(String key, Object before) {
    if (before == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, before);
    }
  }
}
