package care.sij.catalog.api;

import care.sij.catalog.domain.Catalog;
import care.sij.catalog.domain.CatalogRules;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("catalog:read")
@Tag(name = "Sources", description = "The articles the catalog content comes from.")
public class SourceResource {
  private final Catalog catalog;

  SourceResource(Catalog catalog) {
    this.catalog = catalog;
  }

  @NonBlocking // served from memory: no reason to leave the event loop
  @GET
  @Operation(operationId = "listSources", summary = "List the sources", description = "Every article the catalog cites, with the studies it refers to.")
  public List<SourceResponse> list() {
    return catalog.current().sources().stream().map(SourceResponse::of).toList();
  }

  @NonBlocking // served from memory: no reason to leave the event loop
  @GET
  @Path("{id}")
  @Operation(operationId = "getSource", summary = "Read one source", description = "One article by its stable id.")
  public SourceResponse get(@PathParam("id") @Size(max = CatalogRules.ID_MAX) String id) {
    return SourceResponse.of(catalog.source(id));
  }
}
