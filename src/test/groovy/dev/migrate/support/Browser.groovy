package dev.migrate.support

import org.openqa.selenium.By
import org.openqa.selenium.NoSuchElementException
import org.openqa.selenium.StaleElementReferenceException
import org.openqa.selenium.WebDriver
import org.openqa.selenium.WebElement
import org.openqa.selenium.chrome.ChromeDriver
import org.openqa.selenium.chrome.ChromeDriverService
import org.openqa.selenium.chrome.ChromeOptions
import org.openqa.selenium.support.ui.WebDriverWait
import org.opentest4j.TestAbortedException

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

/**
 * Headless Chromium driven through Selenium: Debian's {@code chromium} and {@code chromium-driver} (which
 * {@code .ci/run} installs). Without them the specification is skipped with the reason, unless
 * {@code MIGRATE_IT_REQUIRE} names {@code chromium}: then it fails.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv('MIGRATE_IT_CHROMIUM') ?: '/usr/bin/chromium')
    static final Path DRIVER = Path.of(System.getenv('MIGRATE_IT_CHROMEDRIVER') ?: '/usr/bin/chromedriver')

    final WebDriver driver

    private Browser(WebDriver driver) {
        this.driver = driver
    }

    static Browser open() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            String reason = "no headless browser for the console's specs: ${CHROMIUM} or ${DRIVER} is missing (apt-get install chromium chromium-driver)"
            if (TestDatabases.required(System.getenv()).contains('chromium')) {
                throw new AssertionError("${reason} (MIGRATE_IT_REQUIRE names chromium)".toString())
            }
            System.err.println("SKIPPED: ${reason}")
            throw new TestAbortedException(reason)
        }
        ChromeOptions options = new ChromeOptions()
        options.binary = CHROMIUM.toFile()
        options.addArguments('--headless=new', '--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--window-size=1366,900',
                '--lang=en-US', "--user-data-dir=${Files.createTempDirectory('chromium')}".toString())
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build()
        new Browser(new ChromeDriver(service, options))
    }

    void go(String url) {
        driver.get(url)
    }

    WebElement find(String css) {
        driver.findElement(By.cssSelector(css))
    }

    List<WebElement> all(String css) {
        driver.findElements(By.cssSelector(css))
    }

    void type(String css, String text) {
        WebElement e = find(css)
        e.clear()
        e.sendKeys(text)
    }

    /** Clicks {@code css}, found again if the page drew it anew in between. */
    void click(String css) {
        until {
            try {
                find(css).click()
                true
            } catch (StaleElementReferenceException redrawn) {
                null
            }
        }
    }

    /** Waits (up to {@code seconds}) until {@code condition} holds (as Groovy sees it: an empty list or text does not); its last value. */
    def <T> T until(int seconds = 30, Closure<T> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException).ignoring(NoSuchElementException).until {
            T value = condition()
            value ? value : null
        }
    }

    String source() {
        driver.pageSource
    }

    @Override
    void close() {
        driver.quit()
    }
}
