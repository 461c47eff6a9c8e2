package dev.migrate.dsl

/** {@code tables ALL}: the script moves every table of the source, whatever else it names. */
enum EveryTable {
    ALL
}
