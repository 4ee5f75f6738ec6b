package care.sij.catalog.api;

import care.sij.catalog.domain.Catalog;
import care.sij.catalog.domain.CatalogRules;
import care.sij.catalog.domain.CatalogSnapshot;
import care.sij.catalog.domain.Entry;
import care.sij.catalog.domain.Topic;
import care.sij.common.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Max;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/topics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Topics", description = "Education around the exercises: the SI joint, the symptom pattern, daily habits, training principles, "
    + "when to seek care and who helps, each with its sources. General information, not medical advice.")
public class TopicResource {
  static final int DEFAULT_PAGE_SIZE = 20;
  static final int MAX_PAGE_SIZE = 100;

  private final Catalog catalog;
  private final ObjectMapper mapper;

  TopicResource(Catalog catalog, ObjectMapper mapper) {
    this.catalog = catalog;
    this.mapper = mapper;
  }

  @NonBlocking // served from memory: no reason to leave the event loop
  @GET
  @RolesAllowed("catalog:read")
  @Operation(operationId = "listTopics", summary = "List education topics",
      description = "Topics that are not retired, by title, a page at a time: id, title and summary. Follow the Link header for other pages.")
  @APIResponse(responseCode = "200", description = "One page of topics.",
      headers = @Header(name = "Link", description = "RFC 8288 links to the first, prev, next and last pages.", schema = @Schema(type = SchemaType.STRING)),
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TopicPage.class)))
  public RestResponse<TopicPage> list(
      @QueryParam("page") @DefaultValue("1") @Min(1) @Parameter(description = "Page, from 1.",
          schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "2147483647", defaultValue = "1")) int pageNumber,
      @QueryParam("size") @DefaultValue("" + DEFAULT_PAGE_SIZE) @Min(1) @Max(MAX_PAGE_SIZE) @Parameter(description = "Topics per page, at most 100.",
          schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) int pageSize,
      UriInfo uri) {
    List<Entry<Topic>> listed = catalog.current().topics();
    long from = (long) (pageNumber - 1) * pageSize;
    List<Entry<Topic>> items = from >= listed.size() ? List.of() : listed.subList((int) from, (int) Math.min(from + pageSize, listed.size()));
    return RestResponse.ResponseBuilder.ok(new TopicPage(items.stream().map(TopicSummary::of).toList(), pageNumber, pageSize, listed.size()))
        .header("Link", Http.pageLinks(uri, pageNumber, pageSize, listed.size())).build();
  }

  @NonBlocking // served from memory: no reason to leave the event loop
  @GET
  @Path("{id}")
  @RolesAllowed("catalog:read")
  @Operation(operationId = "getTopic", summary = "Read an education topic",
      description = "One topic by id, retired ones included (with retired: true), so that links to it keep working. "
          + "Send If-None-Match with the ETag you have to get 304 when it has not changed.")
  @APIResponse(responseCode = "200", description = "The topic.", headers = {
      @Header(name = "ETag", description = "Strong entity tag of this representation.", schema = @Schema(type = SchemaType.STRING)),
      @Header(name = "Cache-Control", description = "public, max-age=300: shared caches may keep it.", schema = @Schema(type = SchemaType.STRING))},
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TopicResponse.class)))
  @APIResponse(responseCode = "304", description = "Not modified: the ETag sent in If-None-Match is current.")
  public RestResponse<byte[]> get(
      @PathParam("id") @Size(max = CatalogRules.ID_MAX)
      @Pattern(regexp = CatalogRules.ID_PATTERN, message = "must be a topic id: lower-case letters, digits and single hyphens")
      @Parameter(description = "The topic's id.", example = "symptom-pattern") String id,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) @Size(max = 1000) @Parameter(description = "ETags of copies the client has.") String ifNoneMatch) {
    CatalogSnapshot snapshot = catalog.current();
    Entry<Topic> entry = snapshot.topic(id).orElseThrow(() -> new ProblemException.NotFound("topic", id));
    if (Http.notModified(ifNoneMatch, entry.etag())) {
      return Http.notModified(entry.etag());
    }
    return Http.cacheable(json(TopicResponse.of(entry)), entry.etag());
  }

  private byte[] json(TopicResponse topic) {
    try {
      return mapper.writeValueAsBytes(topic);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render topic " + topic.id(), e);
    }
  }
}
