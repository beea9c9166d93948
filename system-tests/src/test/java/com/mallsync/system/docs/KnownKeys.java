package com.mallsync.system.docs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import com.mallsync.model.Json;

/**
 * The configuration keys a deployment can set, gathered from what really binds:
 * <ul>
 *   <li>each service's {@code @ConfigurationProperties} record tree, read by reflection from its compiled classes
 *       ({@code Map<String, X>} components become {@code <id>});</li>
 *   <li>the Spring Boot configuration metadata ({@code META-INF/spring-configuration-metadata.json}) of every library
 *       inside the service's built jar: Spring Boot, spring-kafka, actuator, Micrometer, resilience4j. A property of
 *       map type (e.g. {@code logging.level}) takes any key below it;</li>
 *   <li>every key of the service's {@code application.yml};</li>
 *   <li>the {@code SANDBOX_*} environment variables a sandbox's sources read, and any variable a module's sources
 *   read by name with {@code System.getenv} (the launcher's {@code OPS_CONSOLE_PASSWORD}).</li>
 * </ul>
 * Keys are kept in canonical form, each map key as {@code <id>}.
 */
final class KnownKeys {

    static final String ID = "<id>";
    private static final String ANNOTATION = "org/springframework/boot/context/properties/ConfigurationProperties";

    final Set<String> keys = new LinkedHashSet<>();
    final Set<String> mapPrefixes = new LinkedHashSet<>();
    final Set<String> environmentNames = new LinkedHashSet<>();

    /** The keys of these modules (paths of module folders). */
    static KnownKeys of(Collection<Path> modules) {
        KnownKeys known = new KnownKeys();
        for (Path module : modules) {
            known.addRecords(module.resolve("target/classes"));
            known.addApplicationYml(module);
            known.addLibraryMetadata(module);
            known.addSandboxVariables(module.resolve("src/main/java"));
        }
        return known;
    }

    /** The first segments of every key ({@code ingest}, {@code spring}, ...): what marks a word as a key. */
    Set<String> roots() {
        Set<String> roots = new LinkedHashSet<>();
        Stream.concat(keys.stream(), mapPrefixes.stream()).forEach(k -> roots.add(k.split("\\.")[0]));
        return roots;
    }

    void addKey(String key) {
        keys.add(normalise(key));
    }

    /** Digits and {@code <placeholders>} of a key as {@link #ID}. */
    static String normalise(String key) {
        StringBuilder out = new StringBuilder();
        for (String part : key.split("\\.")) {
            out.append(out.isEmpty() ? "" : ".").append(part.matches("[0-9]+|<[^>]*>|\\{[^}]*}") ? ID : part);
        }
        return out.toString();
    }

    private void addRecords(Path classes) {
        if (!Files.isDirectory(classes)) {
            return;
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                if (!new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(ANNOTATION)) {
                    continue;
                }
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, loader);
                ConfigurationProperties props = type.getAnnotation(ConfigurationProperties.class);
                if (props != null && type.isRecord()) {
                    String prefix = props.value().isEmpty() ? props.prefix() : props.value();
                    walk(prefix, type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private void walk(String prefix, Type type) {
        Class<?> raw = raw(type);
        if (raw != null && raw.isRecord()) {
            for (RecordComponent c : raw.getRecordComponents()) {
                walk(prefix + "." + kebab(c.getName()), c.getGenericType());
            }
        } else if (raw != null && Map.class.isAssignableFrom(raw) && type instanceof ParameterizedType p) {
            walk(prefix + "." + ID, p.getActualTypeArguments()[1]);
        } else {
            keys.add(prefix);
        }
    }

    private static Class<?> raw(Type type) {
        return type instanceof Class<?> c ? c : type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : null;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    private void addApplicationYml(Path module) {
        Path resources = module.resolve("src/main/resources");
        if (!Files.isDirectory(resources)) {
            return;
        }
        try (Stream<Path> files = Files.list(resources)) {
            for (Path yml : files.filter(f -> f.getFileName().toString().matches("application.*\\.ya?ml")).toList()) {
                try (InputStream in = Files.newInputStream(yml)) {
                    for (Object document : new Yaml().loadAll(in)) {
                        if (document instanceof Map<?, ?> map) {
                            flatten("", (Map<Object, Object>) map);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private void flatten(String prefix, Map<Object, Object> map) {
        map.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            if (v instanceof Map<?, ?> child && !child.isEmpty()) {
                flatten(key, (Map<Object, Object>) child);
            } else {
                addKey(key);
            }
        });
    }

    /** The metadata of every library in the module's built jar ({@code BOOT-INF/lib/*.jar}). */
    private void addLibraryMetadata(Path module) {
        Path jar = builtJar(module);
        if (jar == null) {
            return;
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().filter(e -> e.getName().matches("BOOT-INF/lib/.*\\.jar")).toList()) {
                try (ZipInputStream lib = new ZipInputStream(zip.getInputStream(entry))) {
                    for (ZipEntry e = lib.getNextEntry(); e != null; e = lib.getNextEntry()) {
                        if (e.getName().equals("META-INF/spring-configuration-metadata.json")) {
                            addMetadata(Json.mapper().readTree(new ByteArrayInputStream(lib.readAllBytes())));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void addMetadata(JsonNode metadata) {
        JsonNode properties = metadata.get("properties");
        if (properties == null) {
            return;
        }
        for (JsonNode p : properties) {
            String name = p.get("name").asString();
            String type = p.has("type") ? p.get("type").asString() : "";
            if (type.startsWith("java.util.Map<")) {
                mapPrefixes.add(name);
            } else {
                addKey(name);
            }
        }
    }

    /** {@code <module>/target/<module>-<version>.jar}, the Spring Boot jar, or {@code null} for a plain module. */
    static Path builtJar(Path module) {
        Path target = module.resolve("target");
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches(Pattern.quote(module.getFileName().toString())
                            + "-[0-9].*?(-exec)?\\.jar"))
                    .filter(KnownKeys::isBootJar).findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isBootJar(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry("BOOT-INF/lib/") != null || zip.stream().anyMatch(e -> e.getName().startsWith("BOOT-INF/lib/"));
        } catch (IOException e) {
            return false;
        }
    }

    private void addSandboxVariables(Path sources) {
        if (!Files.isDirectory(sources)) {
            return;
        }
        Pattern quoted = Pattern.compile("\"(SANDBOX_[A-Z0-9_]+)\"");
        Pattern getenv = Pattern.compile("getenv\\(\\)\\.getOrDefault\\(\"([A-Z][A-Z0-9_]+)\"|getenv\\(\"([A-Z][A-Z0-9_]+)\"\\)");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher m = quoted.matcher(source);
                while (m.find()) {
                    environmentNames.add(m.group(1));
                }
                Matcher read = getenv.matcher(source);
                while (read.find()) {
                    environmentNames.add(read.group(1) != null ? read.group(1) : read.group(2));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
