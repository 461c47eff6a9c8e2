package dev.migrate.examples

import dev.migrate.command.Migrate
import dev.migrate.dsl.DirtyData
import dev.migrate.dsl.ScriptLoader
import dev.migrate.engine.ProgressListener
import dev.migrate.engine.TableResult
import dev.migrate.plan.Settings
import dev.migrate.support.Scripts
import groovy.sql.Sql
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

import java.nio.file.Files
import java.nio.file.Path

/**
 * The legacy-shop example: generate.groovy makes a dirty legacy shop, normalize.groovy moves it twice. The rows the
 * generator made dirty are exactly the rows the migration rejects or repairs; the clean ones land as they were.
 */
@Stepwise
class LegacyShopSpec extends Specification {

    static final List<String> DATE_FORMATS = ['yyyy-MM-dd', 'dd/MM/yyyy', 'MM-dd-yyyy', 'dd.MM.yyyy', 'yyyyMMdd']

    @Shared Path copy
    @Shared Path results
    @Shared Map<String, List<Map>> legacy
    @Shared Map<String, List<Map>> firstShop

    def setupSpec() {
        // a copy, so that its databases (made under build/legacy-shop two folders up) are new
        copy = Files.createTempDirectory('legacy-shop').resolve('dsl-examples/legacy-shop')
        Files.createDirectories(copy)
        ['generate.groovy', 'normalize.groovy'].each { Files.copy(ExamplesSpec.EXAMPLES.resolve("legacy-shop/${it}"), copy.resolve(it)) }
        results = Scripts.tempDir('legacy-shop-results')
    }

    private Map<String, List<Map>> read(String database, List<String> tables) {
        Sql sql = Sql.newInstance("jdbc:h2:file:${copy.resolve('../../build/legacy-shop').normalize()}/${database}", 'sa', '')
        try {
            tables.collectEntries { t -> [t, sql.rows("SELECT * FROM ${t} ORDER BY 1".toString()).collect { it.collectEntries { k, v -> [k.toLowerCase(), v] } }] }
        } finally {
            sql.close()
        }
    }

    def "generate makes the legacy shop: 2,000 customers and 6,000 orders, about 5 % of them dirty"() {
        when:
        def result = Migrate.generate(new ScriptLoader().loadGeneration(copy.resolve('generate.groovy'), Settings.DEFAULTS))
        legacy = read('legacy', ['legacy_customers', 'legacy_orders'])

        then:
        result.tables().collect { [it.table(), it.rows(), it.dirtyRows()] } == [['LEGACY_CUSTOMERS', 2000L, 89L], ['LEGACY_ORDERS', 6000L, 298L]]
        legacy.legacy_customers.size() == 2000
        legacy.legacy_orders.size() == 6000
    }

    def "the first run rejects or repairs exactly the dirty rows, and moves the clean ones as they were"() {
        when:
        def plan = new ScriptLoader().load(copy.resolve('normalize.groovy'))
        def run = Migrate.run(plan, ProgressListener.NONE, results)
        firstShop = read('shop', ['customers', 'orders'])
        def expected = expectation(legacy)
        def rejected = run.tables().collectEntries { [it.table(), Scripts.rejects(it).collect { (it.row.ID ?: it.row.ORDER_NO) as int } as Set] }

        then:
        run.tables().collect { [it.table(), it.status(), it.rowsRead(), it.rowsWritten(), it.rejected()] } == [
                ['CUSTOMERS', TableResult.Status.DONE, 2000L, 2000L - expected.customers.rejected.size(), (long) expected.customers.rejected.size()],
                ['ORDERS', TableResult.Status.DONE, 6000L, 6000L - expected.orders.rejected.size(), (long) expected.orders.rejected.size()]]
        rejected.CUSTOMERS == expected.customers.rejected
        rejected.ORDERS == expected.orders.rejected
        firstShop.customers == expected.customers.rows
        firstShop.orders == expected.orders.rows

        and: 'a row is rejected or repaired exactly when it is dirty (an order also when its customer was rejected)'
        expected.customers.dirty == expected.customers.rejected + expected.customers.repaired
        expected.orders.dirty + expected.orders.ofRejectedCustomers == expected.orders.rejected + expected.orders.repaired
        expected.customers.dirty.size() in 80..160
        expected.orders.dirty.size() in 250..450
    }

    def "the second run changes nothing"() {
        when:
        def run = Migrate.run(new ScriptLoader().load(copy.resolve('normalize.groovy')), ProgressListener.NONE, results)

        then:
        run.tables().collect { [it.table(), it.rowsRead(), it.rejected()] } == [
                ['CUSTOMERS', 2000L, (long) expectation(legacy).customers.rejected.size()],
                ['ORDERS', 6000L, (long) expectation(legacy).orders.rejected.size()]]
        read('shop', ['customers', 'orders']) == firstShop
    }

    /** What normalize.groovy makes of the legacy rows, worked out here from the rows themselves. */
    static Map expectation(Map<String, List<Map>> legacy) {
        Map customers = [rows: [], rejected: [] as Set, repaired: [] as Set, dirty: [] as Set]
        Set<String> emails = []
        Set<Integer> legacyCustomers = legacy.legacy_customers*.id as Set
        for (Map c : legacy.legacy_customers) {
            String email = DirtyData.clean(c.email)?.toLowerCase()
            Map row = [id: c.id, email: email, full_name: properCase(DirtyData.clean(c.full_name)), city: properCase(DirtyData.clean(c.city)),
                       signed_up: DirtyData.parseDate(c.signed_up, DATE_FORMATS as String[])]
            boolean clean = c.email == email && [c.full_name, c.city].every { cleanName(it) } && cleanDate(c.signed_up, true)
            if (!clean || email in emails) {
                customers.dirty << c.id
            }
            if (!(email ==~ /[^@\s]+@[^@\s]+\.[^@\s]+/) || !emails.add(email)) {
                customers.rejected << c.id
                continue
            }
            if (row.email != c.email || row.full_name != c.full_name || row.city != c.city || row.signed_up?.toString() != c.signed_up) {
                customers.repaired << c.id
            }
            customers.rows << row
        }
        Set<Integer> kept = customers.rows*.id as Set
        Map orders = [rows: [], rejected: [] as Set, repaired: [] as Set, dirty: [] as Set, ofRejectedCustomers: [] as Set]
        Set<List> entered = []
        Set<List> enteredRaw = []
        for (Map o : legacy.legacy_orders) {
            Integer status = [NEW: 1, PAID: 2, SHIPPED: 3][DirtyData.clean(o.status)]
            def placed = DirtyData.parseDate(o.placed, DATE_FORMATS as String[])
            BigDecimal total = DirtyData.parseNumber(o.total)
            boolean clean = o.status in ['NEW', 'PAID', 'SHIPPED'] && cleanDate(o.placed, false) && o.total ==~ /\d+\.\d{2}/
                    && o.customer_id in legacyCustomers
            List key = [o.customer_id, placed, total]
            if (!clean || key in enteredRaw) {
                orders.dirty << o.order_no
            }
            enteredRaw << key
            if (o.customer_id in legacyCustomers && !(o.customer_id in kept)) {
                orders.ofRejectedCustomers << o.order_no
            }
            if (status == null || placed == null || total == null || !(o.customer_id in kept) || !entered.add(key)) {
                orders.rejected << o.order_no
                continue
            }
            if (placed.toString() != o.placed || total.toPlainString() != o.total || !(o.status in ['NEW', 'PAID', 'SHIPPED'])) {
                orders.repaired << o.order_no
            }
            orders.rows << [id: o.order_no, customer_id: o.customer_id, placed: java.sql.Date.valueOf(placed), total: total, status: status]
        }
        customers.rows = customers.rows.collect { it.signed_up = it.signed_up ? java.sql.Date.valueOf(it.signed_up) : null; it }
        [customers: customers, orders: orders]
    }

    static String properCase(String name) {
        name == null || (name != name.toUpperCase() && name != name.toLowerCase()) ? name
                : name.split(' ').collect { it ? it[0].toUpperCase() + it.substring(1).toLowerCase() : it }.join(' ')
    }

    static boolean cleanName(String name) {
        name == null || name == DirtyData.clean(name) && properCase(name) == name
    }

    static boolean cleanDate(String text, boolean nullable) {
        text == null ? nullable : text ==~ /\d{4}-\d{2}-\d{2}/
    }
}
