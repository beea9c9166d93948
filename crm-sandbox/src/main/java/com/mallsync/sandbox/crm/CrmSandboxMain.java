package com.mallsync.sandbox.crm;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the CRM 2030 sandbox: {@code java -jar crm-sandbox-exec.jar --port=8091 --app-id=... --token=...};
 * {@code --pay-amount=rows} (default: PayAmount must equal Σ Dtls.Amount) or {@code unchecked};
 * the environment variables {@code SANDBOX_PORT}, {@code SANDBOX_APP_ID}, {@code SANDBOX_TOKEN},
 * {@code SANDBOX_PAY_AMOUNT} are read when an argument is absent. Defaults are the local demo credentials (never
 * real secrets). It listens on 127.0.0.1 unless {@code --bind=ADDRESS} or {@code SANDBOX_BIND} says otherwise.
 */
public final class CrmSandboxMain {

    private CrmSandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                System.err.println("usage: --port=8091 --app-id=demo-crm-app --token=demo-crm-token");
                System.exit(2);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        if (options.containsKey("bind")) {
            System.setProperty("sandbox.bind", options.get("bind"));
        }
        int port = Integer.parseInt(option(options, "port", "SANDBOX_PORT", "8091"));
        String appId = option(options, "app-id", "SANDBOX_APP_ID", "demo-crm-app");
        String token = option(options, "token", "SANDBOX_TOKEN", "demo-crm-token");
        CrmSandbox sandbox = CrmSandbox.start(port, appId, token);
        sandbox.payAmountIsRows(!"unchecked".equalsIgnoreCase(option(options, "pay-amount", "SANDBOX_PAY_AMOUNT", "rows")));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "crm-sandbox-shutdown"));
        stopped.await();
    }

    private static String option(Map<String, String> options, String name, String env, String fallback) {
        String value = options.get(name);
        if (value == null) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
