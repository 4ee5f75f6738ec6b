package care.sij.catalog.api;

import care.sij.catalog.domain.ExpectedVersion;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/** HTTP details the resources share: conditional requests, query parameters, Link headers. */
final class Http {
  /**
   * The catalog is the same for every caller and holds nothing personal, so shared caches (a CDN,
   * a company proxy) may keep it: "public" lets them store it although the request carries a
   * token, which they otherwise must not. Five minutes bounds how long a curator's change can lag
   * in such a cache; ETags make revalidation cheap.
   */
  static final String CACHE_CONTROL = "public, max-age=300";

  private Http() {}

  /** 200 with pre-rendered JSON, its strong ETag and Cache-Control. */
  static RestResponse<byte[]> cacheable(byte[] json, String etag) {
    return RestResponse.ResponseBuilder.ok(json, MediaType.APPLICATION_JSON_TYPE)
        .header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build();
  }

  /** 200 with what a write left, and its new ETag for the next If-Match. */
  static <T> RestResponse<T> tagged(T body, String etag) {
    return RestResponse.ResponseBuilder.ok(body).header(HttpHeaders.ETAG, etag).build();
  }

  /** 304: the client's copy is current; the validators are repeated as RFC 9110 asks. */
  static RestResponse<byte[]> notModified(String etag) {
    return RestResponse.ResponseBuilder.<byte[]>create(RestResponse.Status.NOT_MODIFIED)
        .header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build();
  }

  /** If-None-Match, compared weakly as RFC 9110 asks: true when the client's copy is current. */
  static boolean notModified(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
        return true;
      }
    }
    return false;
  }

  /** If-Match as the version a write expects; null without the header (the write then answers 428). */
  static ExpectedVersion ifMatch(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      return null;
    }
    List<String> tags = new ArrayList<>();
    for (String tag : ifMatch.split(",")) {
      String t = tag.trim();
      if (t.equals("*")) {
        return new ExpectedVersion(true, List.of());
      }
      tags.add(t); // weak tags never match: If-Match compares strongly
    }
    return new ExpectedVersion(false, List.copyOf(tags));
  }

  /** RFC 8288 links to the first, previous, next and last pages. */
  static String pageLinks(UriInfo uri, int page, int size, int total) {
    int last = Math.max(1, (total + size - 1) / size);
    String base = linkBase(uri);
    List<String> links = new ArrayList<>();
    links.add(link(base, 1, size, "first"));
    if (page > 1) {
      links.add(link(base, Math.min(page - 1, last), size, "prev"));
    }
    if (page < last) {
      links.add(link(base, page + 1, size, "next"));
    }
    links.add(link(base, last, size, "last"));
    return String.join(", ", links);
  }

  // Built from the raw request URI, read once (each read parses it again): query values stay encoded
  // as the client sent them (a UriBuilder would read braces in q as template variables).
  private static String linkBase(UriInfo uri) {
    java.net.URI request = uri.getRequestUri();
    StringBuilder base = new StringBuilder().append(request.getScheme()).append("://").append(request.getRawAuthority())
        .append(request.getRawPath()).append('?');
    if (request.getRawQuery() != null) {
      for (String parameter : request.getRawQuery().split("&")) {
        String name = parameter.split("=", 2)[0];
        if (!parameter.isEmpty() && !name.equals("page") && !name.equals("size")) {
          base.append(parameter).append('&');
        }
      }
    }
    return base.toString();
  }

  private static String link(String base, int page, int size, String rel) {
    return "<" + base + "page=" + page + "&size=" + size + ">; rel=\"" + rel + "\"";
  }
}
