package com.mallsync.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --key=value} and {@code --flag} options. */
public final class Cli {

    private final Map<String, String> options = new LinkedHashMap<>();

    public Cli(List<String> args) {
        for (String arg : args) {
            String body = arg.startsWith("--") ? arg.substring(2) : arg;
            int eq = body.indexOf('=');
            options.put(eq < 0 ? body : body.substring(0, eq), eq < 0 ? "true" : body.substring(eq + 1));
        }
    }

    public boolean has(String key) {
        return options.containsKey(key);
    }

    public String get(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    public int getInt(String key, int fallback) {
        return options.containsKey(key) ? Integer.parseInt(options.get(key)) : fallback;
    }

    public double getDouble(String key, double fallback) {
        return options.containsKey(key) ? Double.parseDouble(options.get(key)) : fallback;
    }
}
