package care.sij.catalog.domain;

import care.sij.common.StrictJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The catalog's own JSON: definitions in the database and seed files are read as strictly as
 * requests (unknown fields and wrong types are errors), and written in one canonical form, so
 * that equal content always gives equal text and equal fingerprints.
 */
final class CatalogJson {
  static final ObjectMapper JSON = configure(new ObjectMapper());
  static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));

  private CatalogJson() {}

  private static ObjectMapper configure(ObjectMapper mapper) {
    new StrictJson().customize(mapper);
    mapper.configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    return mapper;
  }

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  static <T> T read(String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored " + type.getSimpleName() + " is not readable: " + e.getOriginalMessage(), e);
    }
  }

  /** A short, URL-safe SHA-256 fingerprint of the parts' canonical JSON. */
  static String fingerprint(Object... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Object part : parts) {
        digest.update(write(part).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest()).substring(0, 27);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
