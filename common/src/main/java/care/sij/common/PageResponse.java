package care.sij.common;

import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.RestResponse;

@Schema(description = "One page of a newest-first listing.")
public record PageResponse<T>(
    @Schema(description = "The items, newest first.") List<T> items,
    @Schema(description = "Pass as cursor to get the next page; absent on the last page.", example = "MjAyNi0xMS0yMVQwODozMDowMFp8NmYxYw")
    String nextCursor) {

  /**
   * The page from {@code fetched}, which holds up to {@code limit + 1} items so that the extra one
   * tells whether another page follows; the next page is also linked with an RFC 8288 Link header.
   */
  public static <E, T> RestResponse<PageResponse<T>> of(List<E> fetched, int limit, Function<E, Cursor> position,
      Function<E, T> toResponse, UriInfo uri) {
    boolean more = fetched.size() > limit;
    List<E> items = more ? fetched.subList(0, limit) : fetched;
    String next = more ? position.apply(items.get(limit - 1)).encode() : null;
    var response = RestResponse.ResponseBuilder.ok(new PageResponse<>(items.stream().map(toResponse).toList(), next));
    if (next != null) {
      response.header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("cursor", next).build() + ">; rel=\"next\"");
    }
    return response.build();
  }
}
