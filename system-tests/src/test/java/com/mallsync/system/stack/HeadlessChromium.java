package com.mallsync.system.stack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where Debian's {@code chromium} is, for {@link ConsoleBrowser} (which drives it through chromedriver). */
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
}
