package care.sij.catalog.api;

import care.sij.catalog.domain.Exercise;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The equipment filter's words: every kind of equipment, and none for "nothing at hand". */
@Schema(description = "A kind of equipment the person has, or none for nothing at all.")
public enum EquipmentAtHand {
  chair, couch, door_frame, wall, small_ball, resistance_band, looped_band, swiss_ball, si_belt, pillow, none;

  /** The equipment this word names; null for none. */
  Exercise.Equipment equipment() {
    return this == none ? null : Exercise.Equipment.valueOf(name());
  }
}
