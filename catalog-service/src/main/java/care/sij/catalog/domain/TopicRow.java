package care.sij.catalog.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "topic")
class TopicRow extends DefinitionRow {}
