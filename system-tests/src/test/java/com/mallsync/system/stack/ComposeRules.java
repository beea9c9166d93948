package com.mallsync.system.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/** Reading docker-compose.yml and the modules' application.yml for the compose tests: pure helpers. */
final class ComposeRules {

    /** {@code 127.0.0.1:${INGEST_HOST_PORT:-8080}:8080} or {@code 127.0.0.1:8080:8080}. */
    static final Pattern LOOPBACK_PORT = Pattern.compile(
            "127\\.0\\.0\\.1:(?:\\$\\{[A-Z][A-Z0-9_]*_HOST_PORT:-(\\d+)}|(\\d+)):(\\d+)");
    /** Every {@code ${...}} of the file: name, operator, rest. */
    static final Pattern INTERPOLATION = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private ComposeRules() {
    }

    /** The host port (its default where it is a variable) of a 127.0.0.1 mapping; empty for any other form. */
    static Optional<String> hostPort(String mapping) {
        Matcher m = LOOPBACK_PORT.matcher(mapping);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) != null ? m.group(1) : m.group(2));
    }

    /** Compose's and Spring's simple durations: {@code 500ms}, {@code 30s}, {@code 1m30s}, {@code 2h}. */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw new IllegalArgumentException("not a duration: " + text);
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        if (end == 0 || end != text.trim().length()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        return total;
    }

    /** Every leaf key of a module's application.yml with its value (empty when it has none). */
    @SuppressWarnings("unchecked")
    static Map<String, String> applicationValues(Path module) throws IOException {
        Path yml = module.resolve("src/main/resources/application.yml");
        Map<String, String> values = new LinkedHashMap<>();
        if (Files.exists(yml)) {
            try (InputStream in = Files.newInputStream(yml)) {
                for (Object document : new Yaml().loadAll(in)) {
                    if (document instanceof Map<?, ?> map) {
                        flatten("", (Map<Object, Object>) map, values);
                    }
                }
            }
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<Object, Object> map, Map<String, String> values) {
        map.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            if (v instanceof Map<?, ?> child) {
                flatten(key, (Map<Object, Object>) child, values);
            } else {
                values.put(key, String.valueOf(v));
            }
        });
    }
}
