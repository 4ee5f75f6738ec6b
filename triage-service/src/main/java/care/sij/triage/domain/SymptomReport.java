package care.sij.triage.domain;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.validator.constraints.UniqueElements;

/**
 * Symptom report: property names and values exactly as published. Every answer is optional; an
 * unanswered (absent or null) question is never taken as "no". Fields are only ever added, so that
 * every earlier rule set's answers stay readable.
 */
@Schema(description = "Symptom report (rule set 2 added suddenOnset and inflammatoryDisease). Every answer is optional, but "
    + "unanswered red-flag questions rule out self-care and are listed in missingQuestions. GET /v1/questionnaire gives the "
    + "questions in asking order.")
public record SymptomReport(
    @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "may hold only letters, digits and . _ : -")
    @Schema(description = "The tenant's own pseudonymous reference of the person, to find the assessment again.", example = "pt-00042")
    String patientRef,
    @Min(0) @Max(130) @Schema(description = "Age in years.", example = "38") Integer age,
    @Schema(description = "Side of the pain.", example = "left") PainSide painSide,
    @Min(0) @Max(10) @Schema(description = "Pain now on the 0-10 numeric rating scale.", example = "4") Integer painIntensity,
    @UniqueElements @Size(max = 6) @Schema(description = "Where the pain is felt.", example = "[\"lower_back\", \"buttock\"]")
    List<@jakarta.validation.constraints.NotNull PainLocation> painLocations,
    @Min(0) @Max(36500) @Schema(description = "Days since this episode began.", example = "3") Integer durationDays,
    @Schema(description = "Rest and home care have been tried.", example = "true") Boolean homeCareTried,
    @Schema(description = "Direction of the pain over the last days.", example = "stable") PainTrend painTrend,
    @Schema(description = "Pain is constant (false: it comes and goes).", example = "false") Boolean constantPain,
    @Schema(description = "Injury at the start of the pain.", example = "none") Trauma trauma,
    @Schema(description = "New loss of bladder or bowel control, or retention.", example = "false") Boolean bowelOrBladderChange,
    @Schema(description = "Numbness in the saddle area.", example = "false") Boolean saddleNumbness,
    @Schema(description = "Numbness or tingling in a leg.", example = "false") Boolean legNumbnessOrTingling,
    @Schema(description = "Leg weakness: none, stable, or progressive (getting worse).", example = "none") LegWeakness legWeakness,
    @Schema(description = "Fever or chills.", example = "false") Boolean feverOrChills,
    @Schema(description = "Weight loss without trying.", example = "false") Boolean unexplainedWeightLoss,
    @Schema(description = "History of cancer.", example = "false") Boolean historyOfCancer,
    @Schema(description = "Weakened immune system, or injecting drug use.", example = "false") Boolean immunosuppressedOrIvDrugUse,
    @Schema(description = "Trouble walking or standing.", example = "false") Boolean difficultyWalkingOrStanding,
    @Schema(description = "Pain at rest or at night, not eased by changing position.", example = "false") Boolean nightPain,
    @Schema(description = "Morning stiffness lasting more than 30 minutes.", example = "false") Boolean morningStiffnessOver30Min,
    @Schema(description = "Pregnant, or given birth in the last six months.", example = "false") Boolean pregnantOrPostpartum,
    @Schema(description = "Keeps coming back although stabilization exercises have been done well for weeks.", example = "false")
    Boolean recurrentDespiteStabilization,
    @Schema(description = "The joint feels stiff or locked (hypomobility).", example = "true") Boolean feelsStuck,
    @Schema(description = "The joint feels loose or gives way (hypermobility).", example = "false") Boolean feelsUnstable,
    @Schema(description = "The pain began suddenly, within the last few days (asked when the pain is 7 or more).", example = "false")
    Boolean suddenOnset,
    @Schema(description = "A diagnosed inflammatory disease such as ankylosing spondylitis, psoriasis or inflammatory bowel disease.",
        example = "false") Boolean inflammatoryDisease) {

  public enum PainSide { left, right, both, central }

  public enum PainLocation { lower_back, buttock, groin, hip, back_of_thigh, below_knee }

  public enum PainTrend { improving, stable, worsening }

  public enum Trauma { none, minor, major }

  public enum LegWeakness { none, stable, progressive }

  /** The report's answer fields (all but patientRef), which the questionnaire must match. */
  public static Set<String> answerFields() {
    return Stream.of(SymptomReport.class.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName)
        .filter(name -> !name.equals("patientRef")).collect(Collectors.toUnmodifiableSet());
  }

  /** The answers by field name, values as JSON would spell them; unanswered fields are absent. */
  public java.util.Map<String, Object> answers() {
    java.util.Map<String, Object> answers = new java.util.HashMap<>();
    for (var component : SymptomReport.class.getRecordComponents()) {
      if (component.getName().equals("patientRef")) {
        continue;
      }
      try {
        Object value = component.getAccessor().invoke(this);
        if (value instanceof Enum<?> e) {
          value = e.name();
        } else if (value instanceof List<?> list) {
          value = list.stream().map(v -> v instanceof Enum<?> e ? e.name() : v).toList();
        }
        if (value != null) {
          answers.put(component.getName(), value);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return answers;
  }
}
