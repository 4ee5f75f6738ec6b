package care.sij.triage.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class RememberedRoutinesTest {
  private final Deque<CatalogRoutines.Lookup> answers = new ArrayDeque<>();
  private int calls;

  private RememberedRoutines remembering(Duration ttl) {
    return new RememberedRoutines(id -> {
      calls++;
      return answers.removeFirst();
    }, ttl);
  }

  private static CatalogRoutines.Lookup found(String name) {
    return new CatalogRoutines.Lookup.Found(new CatalogRoutine("mobility-routine", name, "summary"));
  }

  @Test
  void anAnswerIsRememberedForItsTime() throws InterruptedException {
    RememberedRoutines routines = remembering(Duration.ofMillis(300));
    answers.add(found("first"));
    answers.add(found("second"));
    assertEquals(found("first"), routines.routine("mobility-routine"));
    assertEquals(found("first"), routines.routine("mobility-routine"));
    assertEquals(1, calls);
    Thread.sleep(400);
    assertEquals(found("second"), routines.routine("mobility-routine"), "asked again once the time is up");
    assertEquals(2, calls);
  }

  @Test
  void notFoundIsAnAnswerButUnavailableIsAskedAgain() {
    RememberedRoutines routines = remembering(Duration.ofMinutes(1));
    answers.add(new CatalogRoutines.Lookup.Unavailable());
    answers.add(new CatalogRoutines.Lookup.NotFound());
    assertInstanceOf(CatalogRoutines.Lookup.Unavailable.class, routines.routine("gone"));
    assertInstanceOf(CatalogRoutines.Lookup.NotFound.class, routines.routine("gone"));
    assertInstanceOf(CatalogRoutines.Lookup.NotFound.class, routines.routine("gone"));
    assertEquals(2, calls);
  }

  @Test
  void zeroRemembersNothing() {
    RememberedRoutines routines = remembering(Duration.ZERO);
    answers.add(found("first"));
    answers.add(found("second"));
    routines.routine("mobility-routine");
    assertEquals(found("second"), routines.routine("mobility-routine"));
    assertEquals(2, calls);
  }
}
