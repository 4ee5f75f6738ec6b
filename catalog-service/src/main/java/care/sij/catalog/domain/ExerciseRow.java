package care.sij.catalog.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "exercise")
class ExerciseRow extends DefinitionRow {}
