package dev.migrate.schema

import spock.lang.Specification

class LoadOrderSpec extends Specification {

    def "parents come before their children and independent tables need nothing"() {
        when:
        def order = LoadOrder.of(['order_items', 'orders', 'customers', 'products', 'audit'],
                [order_items: ['orders', 'products'], orders: ['customers']])

        then:
        order.tables() == ['customers', 'orders', 'products', 'order_items', 'audit']
        order.prerequisites() == [order_items: ['orders', 'products'] as Set, orders: ['customers'] as Set,
                                  customers: [] as Set, products: [] as Set, audit: [] as Set]
        order.cycles().isEmpty()
        !order.inCycle('orders')
    }

    def "references to tables outside the run are ignored"() {
        when:
        def order = LoadOrder.of(['orders'], [orders: ['customers']])

        then:
        order.tables() == ['orders']
        order.prerequisites() == [orders: [] as Set]
    }

    def "tables that reference each other form one cycle loaded after its other parents"() {
        when:
        def order = LoadOrder.of(['employees', 'departments', 'companies', 'badges'],
                [employees: ['departments'], departments: ['employees', 'companies'], badges: ['employees']])

        then:
        order.tables() == ['companies', 'employees', 'departments', 'badges']
        order.cycles() == [['employees', 'departments']]
        order.inCycle('employees')
        order.inCycle('departments')
        order.prerequisites().departments == ['companies'] as Set
        order.prerequisites().employees == [] as Set
        order.prerequisites().badges == ['employees'] as Set
        LoadOrder.describe(order.cycles()[0]) == 'employees -> departments -> employees'
    }

    def "a table that references itself is a cycle of one"() {
        when:
        def order = LoadOrder.of(['staff', 'teams'], [staff: ['staff', 'teams']])

        then:
        order.tables() == ['teams', 'staff']
        order.cycles() == [['staff']]
        order.prerequisites().staff == ['teams'] as Set
        LoadOrder.describe(['staff']) == 'staff -> staff'
    }
}
