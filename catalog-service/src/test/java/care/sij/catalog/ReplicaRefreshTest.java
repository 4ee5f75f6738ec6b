package care.sij.catalog;

import static care.sij.catalog.Fixtures.create;
import static care.sij.catalog.Fixtures.curator;
import static care.sij.catalog.Fixtures.exercise;
import static care.sij.catalog.Fixtures.marker;
import static org.junit.jupiter.api.Assertions.assertEquals;

import care.sij.testsupport.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;

/** A write by another replica (here: straight into the database) reaches this replica's memory by the periodic check. */
@QuarkusTest
class ReplicaRefreshTest {

  @Test
  void changeCommittedElsewhereIsServedAfterTheNextCheck() throws Exception {
    String id = marker();
    create(exercise(id));
    try (Connection c = PostgresTestResource.server().admin().connect();
        PreparedStatement update = c.prepareStatement("""
            UPDATE catalog.exercise
               SET definition = jsonb_set(definition, '{name}', '"Renamed by another replica"'),
                   revision = nextval('catalog.revision_seq'), updated_at = now()
             WHERE id = ?""")) {
      update.setString(1, id);
      assertEquals(1, update.executeUpdate());
    }
    String name = null;
    for (int attempt = 0; attempt < 100; attempt++) { // the test profile checks every second
      name = curator().when().get("/v1/exercises/" + id).then().statusCode(200).extract().path("name");
      if (name.equals("Renamed by another replica")) {
        break;
      }
      Thread.sleep(100);
    }
    assertEquals("Renamed by another replica", name);
  }
}
