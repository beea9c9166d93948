package com.mallsync.system.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operating files (ops/prometheus/alerts.yml, ops/grafana/mall-order-sync.json): their PromQL expressions and
 * the metric names those name. Pure helpers for the tests.
 */
final class OpsFiles {

    static final String RULES = "ops/prometheus/alerts.yml";
    static final String RULE_TESTS = "ops/prometheus/alerts.test.yml";
    static final String DASHBOARD = "ops/grafana/mall-order-sync.json";

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan", "atan2");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private OpsFiles() {
    }

    /** The metric names a PromQL expression reads: identifiers that are not functions, keywords or label names. */
    static Set<String> metricNames(String promQl) {
        String rest = promQl.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(rest);
        while (m.find()) {
            String name = m.group();
            boolean call = rest.substring(m.end()).matches("(?s)\\s*\\(.*");
            boolean number = m.start() > 0 && Character.isDigit(rest.charAt(m.start() - 1));
            if (!call && !number && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    /** Every {@code expr} of the alert rules. */
    @SuppressWarnings("unchecked")
    static List<String> ruleExpressions(Path root) throws IOException {
        List<String> exprs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(root.resolve(RULES))) {
            Map<String, Object> file = new Yaml().load(in);
            for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    exprs.add(String.valueOf(rule.get("expr")));
                }
            }
        }
        return exprs;
    }

    /** Every {@code expr} of the dashboard's panels' targets. */
    static List<String> dashboardExpressions(Path root) throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(root.resolve(DASHBOARD)));
        List<String> exprs = new ArrayList<>();
        dashboard.findValues("expr").forEach(node -> exprs.add(node.asString()));
        return exprs;
    }

    static Set<String> metricNames(List<String> exprs) {
        Set<String> names = new TreeSet<>();
        exprs.forEach(expr -> names.addAll(metricNames(expr)));
        return names;
    }

    /** The sample names of a Prometheus text exposition ({@code name{labels} value} or {@code name value}). */
    static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                Matcher m = IDENTIFIER.matcher(line);
                if (m.lookingAt()) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(RULES))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(RULES + " not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
