package com.mallsync.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.mallsync.model.Json;
import com.mallsync.model.mall.SortedMd5Signature;
import com.mallsync.testsupport.Seeds;

/** The packaged launcher ({@code ./run-local}'s jar) runs by itself: its commands find every class they need. */
class LauncherJarIT {

    @Test
    void theExecutableJarSignsAPushReadOnStdin() throws Exception {
        Path jar = Path.of("target", "local-stack-" + StackLayout.VERSION + "-exec.jar");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "sign", "--mall=222").redirectErrorStream(false).start();
        process.getOutputStream().write(Seeds.mallOrderPush().getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        String signature = Json.tree(out).get("app_sign").asString();
        assertThat(signature).isEqualTo(SortedMd5Signature.sign(out.getBytes(StandardCharsets.UTF_8), "demo-secret-222"));
    }
}
