package care.sij.catalog.api;

import care.sij.catalog.domain.Source;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An article the catalog content comes from.", requiredProperties = {"id", "title", "summary", "studies"})
public record SourceResponse(
    @Schema(description = "Stable id.", example = "power-of-motion-mobilization") String id,
    @Schema(description = "Title of the article.", example = "The Power of Motion: Mobilization for S.I. Joint Pain Management") String title,
    @Schema(description = "Author, where the article names one.", example = "Vreni Gurd") String author,
    @Schema(description = "Publisher, where the article names one.", example = "Hinge Health") String publisher,
    @Schema(description = "What the article covers, in our words.") String summary,
    @Schema(description = "Studies the article cites.") List<StudyResponse> studies) {

  static SourceResponse of(Source source) {
    return new SourceResponse(source.id(), source.title(), source.author(), source.publisher(), source.summary(),
        source.studies().stream().map(s -> new StudyResponse(s.authors(), s.year(), s.journal(), s.shortTitle(), s.doi())).toList());
  }

  @Schema(description = "A study cited by an article.")
  public record StudyResponse(
      @Schema(example = "Kiapour A, et al.") String authors,
      @Schema(example = "2020") Integer year,
      @Schema(example = "International Journal of Spine Surgery") String journal,
      @Schema(description = "What the study is about, in short.", example = "SI joint anatomy, biomechanics and pain causes review") String shortTitle,
      @Schema(description = "DOI, where there is one.", example = "10.14444/6077") String doi) {}
}
