/**
 * One dialect per database, found by JDBC URL. A dialect answers everything that differs between
 * databases: quoting, driver settings, how to stream reads, how its types map to value kinds, and
 * its fastest way to write. Each database has its own subpackage.
 */
package dev.migrate.dialect;
