package com.mallsync.system.stack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real browser for the console page: Debian's {@code chromium} in headless mode, asked for the DOM after the
 * page's scripts ran ({@code --dump-dom} with a virtual time budget). Simpler and sturdier than WebDriver for
 * "load the page, read what it shows", and it needs no extra library.
 */
final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /** The browser binary: {@code $CHROME_BIN}, else {@code chromium} or {@code chromium-browser} on the PATH. */
    static Path binary() {
        String configured = System.getenv("CHROME_BIN");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return Path.of(configured);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("no chromium found (apt-get install -y chromium chromium-driver; "
                + ".ci/run installs it when missing)");
    }

    /** The page's DOM after its scripts had {@code budgetMillis} of (virtual) time to fetch and render. */
    static String dumpDom(String url, Path profile, int budgetMillis) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary().toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--virtual-time-budget=" + budgetMillis,
                "--dump-dom", url));
        Path out = Files.createTempFile(profile.getParent(), "dom", ".html");
        Path err = Files.createTempFile(profile.getParent(), "chromium", ".log");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not finish in 120 s: " + Files.readString(err));
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0 || dom.isBlank()) {
            throw new IllegalStateException("chromium exit " + process.exitValue() + ": " + Files.readString(err));
        }
        return dom;
    }
}
