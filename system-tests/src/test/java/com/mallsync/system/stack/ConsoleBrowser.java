package com.mallsync.system.stack;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console in a real browser: Debian's {@code chromium}, headless, driven through Debian's {@code chromedriver}
 * (WebDriver), so a test can type into the page and read what its scripts hold (the plots' data), not only the
 * DOM. Every page is opened through {@link #open}, which logs in through the console's login form first (once per
 * browser), as a person does.
 */
final class ConsoleBrowser implements AutoCloseable {

    private final WebDriver driver;
    private final String baseUrl;
    private final String user;
    private final String password;
    private boolean loggedIn;

    ConsoleBrowser(String baseUrl, Path profile, String user, String password) {
        this.user = user;
        this.password = password;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(HeadlessChromium.binary().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1800", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
    }

    /** Opens a page of the console ({@code "/"}, {@code "/#order=222:1"}), logged in. */
    void open(String path) {
        if (!loggedIn) {
            driver.get(baseUrl + "/login");
            find("input[name=username]").sendKeys(user);
            find("input[name=password]").sendKeys(password);
            find("form button[type=submit], form input[type=submit]").click();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !driver.getCurrentUrl().contains("/login"));
            loggedIn = true;
        }
        driver.get(baseUrl + path);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    Object script(String javascript) {
        return ((JavascriptExecutor) driver).executeScript(javascript);
    }

    /** Waits until {@code javascript} returns {@code true} (it may throw meanwhile, e.g. before the charts exist). */
    void awaitTrue(String javascript, Duration patience) {
        await().atMost(patience).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> Boolean.TRUE.equals(script(javascript)));
    }

    /** The element's text (trimmed) once it exists. */
    String text(String css, Duration patience) {
        return await().atMost(patience).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> driver.findElement(By.cssSelector(css)).getText().strip(), t -> !t.isEmpty());
    }

    @Override
    public void close() {
        driver.quit();
    }

    /** {@code $CHROMEDRIVER}, else {@code chromedriver} on the PATH (Debian's {@code chromium-driver}). */
    private static File driverBinary() {
        String configured = System.getenv("CHROMEDRIVER");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return new File(configured);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "chromedriver");
            if (Files.isExecutable(candidate)) {
                return candidate.toFile();
            }
        }
        throw new IllegalStateException("no chromedriver found (apt-get install -y chromium chromium-driver; "
                + ".ci/run installs it when missing)");
    }
}
