package dev.migrate.integration

import dev.migrate.support.Browser
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.ServeProcess
import dev.migrate.support.TestServer
import org.openqa.selenium.JavascriptExecutor
import org.openqa.selenium.support.ui.Select

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.time.LocalDateTime
import java.time.format.DateTimeFormatter

/**
 * The console in a real browser (headless Chromium through Selenium) against {@code bin/migrate serve} in a
 * process of its own: log in, save two connections, run a query migration from PostgreSQL into MariaDB and
 * watch it finish, schedule one a few seconds ahead, kill the server before it falls due, start it again, and
 * find the run in the history; no page, file or log shows the password.
 */
class ConsoleBrowserSpec extends DatabaseSpecification {

    static final String PASSWORD = 'Br0wser-s3cret-pw'
    static final String TOKEN = 'browser-token-' + UUID.randomUUID()

    Path home = Files.createTempDirectory('console-browser')
    ServeProcess serve
    Browser browser
    List<String> pages = []
    List<String> logs = []

    def cleanup() {
        browser?.close()
        serve?.close()
    }

    private void logIn() {
        browser.go(serve.url('/login'))
        browser.type('#token', TOKEN)
        browser.click('#login')
        try {
            browser.until { browser.driver.currentUrl == serve.url('/') }
        } catch (e) {
            println "DEBUG ${browser.driver.currentUrl}\n${browser.source()}"
            throw e
        }
    }

    private void pick(String css, String value) {
        browser.until { browser.all("${css} option[value='${value}']") }
        new Select(browser.find(css)).selectByValue(value)
    }

    private void keep() {
        pages << browser.source()
    }

    def "a user logs in, saves two connections, runs a query from PostgreSQL into MariaDB to the end, and a schedule missed while the server was killed runs when it starts again"() {
        given:
        TestServer pg = server('postgres')
        TestServer maria = server('mysql')
        String from = database(pg, 'browser_src')
        String into = database(maria, 'browser_dst')
        pg.connect(from).withCloseable { sql ->
            sql.execute 'CREATE TABLE customers (id INT PRIMARY KEY, name TEXT NOT NULL, email TEXT, joined DATE)'
            sql.execute "INSERT INTO customers SELECT g, 'Zoë ' || g, CASE WHEN g % 7 = 0 THEN NULL ELSE 'c' || g || '@example.com' END," +
                    " DATE '2024-01-01' + g FROM generate_series(1, 2000) g"
        }
        List<List> expected = pg.connect(from).withCloseable { sql ->
            sql.rows('SELECT id, name, email, joined FROM customers ORDER BY id').collect { [it.id, it.name, it.email, it.joined.toString()] }
        }
        serve = ServeProcess.start(home, TOKEN)
        browser = Browser.open()

        when: 'a page asks for the login, which refuses a wrong token'
        browser.go(serve.url('/connections'))
        browser.until { browser.driver.currentUrl == serve.url('/login') }
        browser.type('#token', 'not-the-token')
        browser.click('#login')
        String refused = browser.until { browser.find('#login-error').text ?: null }
        logIn()

        and: 'two connections are saved, and one tested'
        browser.go(serve.url('/connections'))
        browser.type('#conn-name', 'pg')
        browser.type('#conn-url', pg.url(from))
        browser.type('#conn-user', pg.user)
        browser.type('#conn-password', PASSWORD)
        browser.click('#conn-save')
        browser.until { browser.all('#connections tr[data-name="pg"]') }
        browser.type('#conn-name', 'maria')
        browser.type('#conn-url', maria.url(into))
        browser.type('#conn-user', maria.user)
        browser.click('#conn-save')
        browser.until { browser.all('#connections tr[data-name="maria"]') }
        browser.click('#connections tr[data-name="pg"] .test')
        String tested = browser.until {
            String result = browser.find('#connections tr[data-name="pg"] .test-result').text
            result.startsWith('✓') || result.startsWith('✗') ? result : null
        }
        String shownPassword = browser.until { browser.find('#connections tr[data-name="pg"]').text }
        keep()

        and: 'a query migration runs to the end'
        browser.go(serve.url('/'))
        pick('#mig-source', 'pg')
        pick('#mig-destination', 'maria')
        browser.type('#mig-query', 'SELECT id, name, email, joined FROM customers')
        browser.type('#mig-table', 'customers')
        browser.click('#mig-start')
        String status = browser.until(120) {
            String s = browser.find('#run').getAttribute('data-status')
            s in ['done', 'failed', 'cancelled'] ? s : null
        }
        String progress = browser.until { browser.find('#run-tables').text }
        keep()
        List<List> copied = maria.connect(into).withCloseable { sql ->
            sql.rows('SELECT id, name, email, joined FROM customers ORDER BY id').collect { [it.id, it.name, it.email, it.joined.toString()] }
        }

        and: 'one is scheduled a few seconds ahead'
        browser.go(serve.url('/schedules'))
        pick('#sched-source', 'pg')
        pick('#sched-destination', 'maria')
        browser.type('#sched-query', 'SELECT id, name FROM customers WHERE id <= 10')
        browser.type('#sched-table', 'nightly')
        LocalDateTime due = LocalDateTime.now().plusSeconds(8)
        ((JavascriptExecutor) browser.driver).executeScript("const e = document.getElementById('sched-time'); e.value = arguments[0];" +
                " e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));",
                due.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")))
        browser.click('#sched-save')
        browser.until { browser.all('#schedules tr[data-id]') }
        keep()

        and: 'the server is killed before it falls due, and started again after'
        serve.kill()
        logs << serve.printed()
        Thread.sleep(Math.max(0, Duration.between(LocalDateTime.now(), due).toMillis()) + 2000)
        serve = ServeProcess.start(home, TOKEN)
        logIn()
        browser.go(serve.url('/history'))
        // the page reloads its list every 5 s
        def nightly = browser.until(60) {
            browser.all('#history tr[data-id]').find { it.text.contains('nightly') && it.getAttribute('data-status') in ['done', 'failed'] }
        }
        String nightlyRow = nightly.text
        String nightlyStatus = nightly.getAttribute('data-status')
        int historyRows = browser.all('#history tr[data-id]').size()
        keep()
        browser.go(serve.url('/settings'))
        keep()
        logs << serve.printed()
        List<List> scheduled = maria.connect(into).withCloseable { sql ->
            sql.rows('SELECT id, name FROM nightly ORDER BY id').collect { [it.id, it.name] }
        }
        List<Path> files = Files.walk(home).withCloseable { it.filter { Files.isRegularFile(it) }.toList() }

        then:
        refused == 'Wrong access token.'
        tested.startsWith('✓ PostgreSQL ')
        shownPassword.contains('********')
        status == 'done'
        progress.contains('customers')
        progress.contains('2,000')
        copied == expected
        nightlyStatus == 'done'
        nightlyRow.contains('missed at ')
        nightlyRow.contains('ran once when it started')
        historyRows == 2
        scheduled == (1..10).collect { [it, "Zoë ${it}".toString()] }
        pages.size() == 5
        pages.every { !it.contains(PASSWORD) }
        logs.every { !it.contains(PASSWORD) }
        files.every { !new String(Files.readAllBytes(it), 'ISO-8859-1').contains(PASSWORD) }
    }
}
