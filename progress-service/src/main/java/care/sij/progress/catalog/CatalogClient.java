package care.sij.progress.catalog;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** catalog-service's exercises, called with this service's own client-credentials token. */
@RegisterRestClient(configKey = "catalog")
@OidcClientFilter
@Path("/v1/exercises")
interface CatalogClient {
  @GET
  @Path("{id}")
  CatalogExercise exercise(@PathParam("id") String id);
}
