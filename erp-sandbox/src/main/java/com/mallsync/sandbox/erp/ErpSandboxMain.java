package com.mallsync.sandbox.erp;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the ERP sandbox standalone: {@code java -jar erp-sandbox-0.1.0-SNAPSHOT-exec.jar --port=8092
 * --platform-id=YHDT-DEMO --user-access-token=demo-erp-token}. Each option may come from the environment instead
 * ({@code SANDBOX_PORT}, {@code SANDBOX_PLATFORM_ID}, {@code SANDBOX_USER_ACCESS_TOKEN}); options win. It listens
 * on 127.0.0.1 unless {@code --bind=ADDRESS} or {@code SANDBOX_BIND} says otherwise.
 */
public final class ErpSandboxMain {

    private ErpSandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
        }
        if (options.containsKey("bind")) {
            System.setProperty("sandbox.bind", options.get("bind"));
        }
        int port = Integer.parseInt(option(options, "port", "SANDBOX_PORT", "8092"));
        String platformId = option(options, "platform-id", "SANDBOX_PLATFORM_ID", ErpSandbox.DEFAULT_PLATFORM_ID);
        String token = option(options, "user-access-token", "SANDBOX_USER_ACCESS_TOKEN",
                ErpSandbox.DEFAULT_USER_ACCESS_TOKEN);
        ErpSandbox sandbox = ErpSandbox.start(port, platformId, token);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "erp-sandbox-shutdown"));
        stopped.await();
    }

    private static String option(Map<String, String> options, String name, String env, String fallback) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
