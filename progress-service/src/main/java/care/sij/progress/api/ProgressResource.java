package care.sij.progress.api;

import care.sij.common.Audited;
import care.sij.common.Caller;
import care.sij.progress.domain.Progress;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/patients/{patientId}")
@Tag(name = "Progress", description = "What follows from a patient's entries and sessions.")
public class ProgressResource {
  static final String SVG = "image/svg+xml";

  private final Progress progress;
  private final Caller caller;
  private final Clock clock;

  ProgressResource(Progress progress, Caller caller, Clock clock) {
    this.progress = progress;
    this.caller = caller;
    this.clock = clock;
  }

  @GET
  @Path("progress")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed("progress:read")
  @Audited(resource = "progress")
  @Operation(operationId = "getProgress", summary = "A patient's progress",
      description = "Baseline (first 7 days of entries), latest 7-day average, change in points and percent and whether it is "
          + "clinically meaningful, adherence to the plan per week, current streak, flagged exercises and open alerts, over the "
          + "window from..to (ISO-8601 instants; defaults: the first record, and now).")
  public ProgressResponse get(@PathParam("patientId") UUID patientId, @QueryParam("from") @Parameter(description = "ISO-8601 instant from 2000-01-01T00:00:00Z up to now.", schema = @Schema(type = SchemaType.STRING, format = "date-time")) Instant from, @QueryParam("to") @Parameter(description = "ISO-8601 instant from 2000-01-01T00:00:00Z up to now.", schema = @Schema(type = SchemaType.STRING, format = "date-time")) Instant to) {
    return ProgressResponse.of(progress.of(caller.tenant(), patientId, from, to));
  }

  @GET
  @Path("report")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed("progress:read")
  @Audited(resource = "report")
  @Operation(operationId = "getReport", summary = "A report for a clinician",
      description = "The progress figures with the day-by-day series; ask for image/svg+xml to get the pain chart instead.")
  @APIResponse(responseCode = "200", description = "The report; with Accept: image/svg+xml, the pain chart as SVG.", content = {
      @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProgressResponse.Report.class)),
      @Content(mediaType = SVG, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
          description = "An SVG document: daily scores, 7-day average, session days, baseline and meaningful-change line."))})
  public ProgressResponse.Report report(@PathParam("patientId") UUID patientId, @QueryParam("from") @Parameter(description = "ISO-8601 instant from 2000-01-01T00:00:00Z up to now.", schema = @Schema(type = SchemaType.STRING, format = "date-time")) Instant from,
      @QueryParam("to") @Parameter(description = "ISO-8601 instant from 2000-01-01T00:00:00Z up to now.", schema = @Schema(type = SchemaType.STRING, format = "date-time")) Instant to) {
    Progress.View view = progress.of(caller.tenant(), patientId, from, to);
    return new ProgressResponse.Report(Instant.now(clock), ProgressResponse.of(view), view.summary().days());
  }

  @GET
  @Path("report")
  @Produces(SVG + ";qs=0.5") // a client that takes both gets the JSON, which its generated code can read
  @RolesAllowed("progress:read")
  @Audited(resource = "report")
  @Operation(hidden = true)
  public String chart(@PathParam("patientId") UUID patientId, @QueryParam("from") @Parameter(description = "ISO-8601 instant from 2000-01-01T00:00:00Z up to now.", schema = @Schema(type = SchemaType.STRING, format = "date-time")) Instant from, @QueryParam("to") @Parameter(description = "ISO-8601 instant from 2000-01-01T00:00:00Z up to now.", schema = @Schema(type = SchemaType.STRING, format = "date-time")) Instant to) {
    return PainChart.svg(report(patientId, from, to));
  }
}
