package com.mallsync.system.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ops/prometheus/alerts.yml checked by Prometheus' own promtool: {@code check rules} (syntax, PromQL, templates) and
 * {@code test rules} (alerts.test.yml: series in, the alerts that must and must not fire). promtool comes from Debian's
 * {@code prometheus} package: installed here when missing and this is root with apt-get (as .ci/run does for
 * chromium); elsewhere the test is skipped, saying so.
 */
class AlertRulesPromtoolTest {

    private static final Path ROOT = OpsFiles.root();
    private static String promtool;

    @BeforeAll
    static void findPromtool() throws Exception {
        promtool = which("promtool");
        if (promtool == null && isRoot() && which("apt-get") != null) {
            System.out.println("[promtool] not found: installing Debian's prometheus package for promtool");
            run(List.of("bash", "-c", "(command -v promtool || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive "
                    + "apt-get install -y -qq --no-install-recommends prometheus)) >/dev/null 2>&1"), 600);
            promtool = which("promtool");
            assertThat(promtool).as("promtool after apt-get install prometheus (root, apt-get present)").isNotNull();
        }
        Assumptions.assumeTrue(promtool != null,
                "promtool not found and not root with apt-get to install it (Debian: apt-get install prometheus)");
    }

    @Test
    void promtoolChecksTheRules() throws Exception {
        Result result = run(List.of(promtool, "check", "rules", ROOT.resolve(OpsFiles.RULES).toString()), 120);
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void promtoolUnitTestsTheRules() throws Exception {
        Result result = run(List.of(promtool, "test", "rules", ROOT.resolve(OpsFiles.RULE_TESTS).toString()), 120);
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("promtool", ".out");
        try {
            Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " took more than " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static String which(String tool) throws IOException, InterruptedException {
        Result r = run(List.of("bash", "-c", "command -v " + tool), 30);
        return r.exit() == 0 && !r.output().isBlank() ? r.output().trim() : null;
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        return run(List.of("id", "-u"), 30).output().trim().equals("0");
    }
}
