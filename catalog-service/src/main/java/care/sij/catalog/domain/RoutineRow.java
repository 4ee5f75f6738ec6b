package care.sij.catalog.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "routine")
class RoutineRow extends DefinitionRow {}
