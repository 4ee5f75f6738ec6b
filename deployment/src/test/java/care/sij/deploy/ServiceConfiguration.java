package care.sij.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service's production configuration as its source tree has it: shared settings overlaid with its own, profiles left out. */
record ServiceConfiguration(String service, Properties properties) {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(SIJ_[A-Z0-9_]*)(:?)");

  static ServiceConfiguration of(String service) {
    Path repository = Manifests.root().getParent().getParent();
    Properties merged = new Properties();
    for (Path file : new Path[] {repository.resolve("common/src/main/resources/META-INF/microprofile-config.properties"),
        repository.resolve(service + "-service/src/main/resources/application.properties")}) {
      try (Reader in = Files.newBufferedReader(file)) {
        merged.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    merged.stringPropertyNames().stream().filter(k -> k.startsWith("%")).forEach(merged::remove);
    return new ServiceConfiguration(service, merged);
  }

  int port(String key) {
    return Integer.parseInt(properties.getProperty(key));
  }

  /** The SIJ_ variables whose default is blank: left empty, they turn something off (e.g. SIJ_OTLP_ENDPOINT, export of spans). */
  Set<String> blankByDefault() {
    Set<String> blank = new TreeSet<>();
    Pattern blankDefault = Pattern.compile("\\$\\{(SIJ_[A-Z0-9_]*):\\s*}");
    for (Object value : properties.values()) {
      Matcher m = blankDefault.matcher(value.toString());
      while (m.find()) {
        blank.add(m.group(1));
      }
    }
    return blank;
  }

  /** The SIJ_ variables the configuration reads; only those without a default when required. */
  Set<String> variables(boolean requiredOnly) {
    Set<String> read = new TreeSet<>();
    for (Object value : properties.values()) {
      Matcher m = VARIABLE.matcher(value.toString());
      while (m.find()) {
        if (!requiredOnly || m.group(2).isEmpty()) {
          read.add(m.group(1));
        }
      }
    }
    return read;
  }
}
