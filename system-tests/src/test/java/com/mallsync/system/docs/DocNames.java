package com.mallsync.system.docs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the environment variables and configuration keys a text names, and says which of them bind to no
 * {@link KnownKeys known key}.
 *
 * <p>An environment variable must be the canonical form Spring Boot documents (dots to {@code _}, dashes dropped,
 * upper case: {@code member-sync.crm.token} → {@code MEMBERSYNC_CRM_TOKEN}). Boot also binds a legacy form with
 * dashes as underscores ({@code MEMBER_SYNC_CRM_TOKEN}) to a plain key, but not below a map
 * ({@code MEMBER_SYNC_SHOPS_222_SHOPCODE} binds nothing), so a README that teaches it sends readers wrong: it is
 * reported too, with the canonical name. A word is taken for a variable when, underscores dropped, it starts with a
 * key's first segment in that form ({@code MEMBER_SYNC_…}, {@code INGEST_…}, {@code SPRING_…}) or with
 * {@code SANDBOX_}; a word is taken for a key when it is dotted lower case and starts with a known first segment.
 * {@code `.app-id`} right after a key continues it ({@code member-sync.crm.base-url}, {@code .app-id}).
 */
final class DocNames {

    /** A name that binds to nothing, where it was found, and why. */
    record Problem(String where, String name, String why) {
        @Override
        public String toString() {
            return where + ": " + name + " (" + why + ")";
        }
    }

    private static final Pattern ENV = Pattern.compile("(?<![A-Za-z0-9_$.])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![A-Za-z0-9_])");
    private static final Pattern KEY = Pattern.compile(
            "(?<![A-Za-z0-9_./$-])[a-z][a-z0-9-]*(?:\\.(?:[a-z0-9][a-z0-9-]*|<[A-Za-z]+>|\\{[A-Za-z]+}|\\*))+");
    private static final Pattern CONTINUATION = Pattern.compile("(?<=[\\s`(,/])\\.([a-z][a-z0-9-]*)(?![A-Za-z0-9_.(/-])");

    private final KnownKeys known;
    private final Set<String> roots;
    private final Set<String> notKeys;

    DocNames(KnownKeys known) {
        this(known, Set.of());
    }

    /** {@code notKeys}: dotted names that are not configuration (meter and topic names, file names); one ending in a dot names every name below it. */
    DocNames(KnownKeys known, Set<String> notKeys) {
        this.known = known;
        this.roots = known.roots();
        this.notKeys = notKeys;
    }

    /** The problems of one line of text. */
    List<Problem> check(String where, String line) {
        List<Problem> problems = new ArrayList<>();
        Matcher env = ENV.matcher(line);
        while (env.find()) {
            String name = env.group();
            if (isVariable(name)) {
                String why = variableProblem(name);
                if (why != null) {
                    problems.add(new Problem(where, name, why));
                }
            }
        }
        List<int[]> keySpans = new ArrayList<>();
        Matcher key = KEY.matcher(line);
        while (key.find()) {
            String name = key.group();
            if (!roots.contains(name.split("\\.")[0]) || isNotAKey(name)) {
                continue;
            }
            keySpans.add(new int[] {key.start(), key.end()});
            if (!keyBinds(name)) {
                problems.add(new Problem(where, name, "no such configuration key"));
            }
        }
        Matcher more = CONTINUATION.matcher(line);
        while (more.find()) {
            String lastKey = keyBefore(line, keySpans, more.start());
            if (lastKey == null || !lastKey.contains(".")) {
                continue;
            }
            String name = lastKey.substring(0, lastKey.lastIndexOf('.') + 1) + more.group(1);
            if (!keyBinds(name)) {
                problems.add(new Problem(where, "." + more.group(1) + " (= " + name + ")", "no such configuration key"));
            }
        }
        return problems;
    }

    private boolean isNotAKey(String name) {
        return notKeys.stream().anyMatch(n -> n.endsWith(".") ? name.startsWith(n) : name.equals(n));
    }

    private static String keyBefore(String line, List<int[]> spans, int at) {
        String found = null;
        for (int[] span : spans) {
            if (span[1] <= at) {
                found = line.substring(span[0], span[1]);
            }
        }
        return found;
    }

    boolean isVariable(String name) {
        String flat = name.replace("_", "");
        if (name.startsWith("SANDBOX_")) {
            return true;
        }
        return roots.stream().map(DocNames::envSegment).anyMatch(r -> r.length() >= 3 && flat.startsWith(r)
                && (name.startsWith(r + "_") || !name.startsWith(r)));
    }

    /** {@code null} when the variable binds in canonical form; otherwise why not. */
    String variableProblem(String name) {
        if (name.startsWith("SANDBOX_")) {
            return known.environmentNames.contains(name) ? null : "no sandbox reads it";
        }
        if (known.environmentNames.contains(name) || bindsCanonically(name)) {
            return null;
        }
        for (String key : known.keys) {
            if (legacy(key).equals(name) || legacyMatches(name, key)) {
                return "binds only through Spring's legacy form, and not below a map; write " + canonical(key, name);
            }
        }
        return "binds to no configuration key";
    }

    boolean bindsCanonically(String name) {
        String[] env = name.split("_");
        for (String key : known.keys) {
            if (matches(env, key.split("\\."))) {
                return true;
            }
        }
        for (String prefix : known.mapPrefixes) {
            String[] p = prefix.split("\\.");
            if (env.length > p.length && matches(Arrays.copyOf(env, p.length), p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String[] env, String[] key) {
        if (env.length != key.length) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            if (key[i].equals(KnownKeys.ID) ? env[i].isEmpty() : !envSegment(key[i]).equals(env[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean legacyMatches(String name, String key) {
        String pattern = legacy(key).replace(legacy(KnownKeys.ID), "[A-Z0-9]+");
        return name.matches(pattern);
    }

    private static String legacy(String key) {
        return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static String canonical(String key, String legacyName) {
        String[] parts = key.split("\\.");
        String[] given = legacyName.split("_");
        StringBuilder out = new StringBuilder();
        int g = 0;
        for (String part : parts) {
            String segment;
            if (part.equals(KnownKeys.ID)) {
                segment = g < given.length ? given[g] : "ID";
                g++;
            } else {
                segment = envSegment(part);
                g += part.split("-").length;
            }
            out.append(out.isEmpty() ? "" : "_").append(segment);
        }
        return out.toString();
    }

    static String envSegment(String keyPart) {
        return keyPart.replace("-", "").toUpperCase(Locale.ROOT);
    }

    boolean keyBinds(String name) {
        String doc = KnownKeys.normalise(name);
        if (doc.endsWith(".*")) {
            String prefix = doc.substring(0, doc.length() - 1);
            return known.keys.stream().anyMatch(k -> startsWith(k, prefix))
                    || known.mapPrefixes.stream().anyMatch(p -> startsWith(prefix, p + ".") || startsWith(p + ".", prefix));
        }
        String[] parts = doc.split("\\.");
        for (String key : known.keys) {
            String[] k = key.split("\\.");
            if (sameSegments(parts, k)) {
                return true;
            }
        }
        return known.mapPrefixes.stream().anyMatch(p -> doc.equals(p) || doc.startsWith(p + "."));
    }

    /** Equal segment by segment ({@code <id>} matches any), or {@code doc} the group of keys above {@code key}. */
    private static boolean sameSegments(String[] doc, String[] key) {
        if (doc.length > key.length) {
            return false;
        }
        for (int i = 0; i < doc.length; i++) {
            if (!doc[i].equals(key[i]) && !doc[i].equals(KnownKeys.ID) && !key[i].equals(KnownKeys.ID)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(String key, String prefix) {
        return key.startsWith(prefix);
    }
}
