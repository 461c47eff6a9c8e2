package dev.migrate.dialect.mysql;

import dev.migrate.transfer.TextRowEncoder;

/**
 * Rows in LOAD DATA's default text format: booleans as {@code 1}/{@code 0}, bytes as they are (escaped), NUL
 * as {@code \0}, instants as their UTC wall time (sessions run in UTC), fractions of a second to the
 * microsecond, MySQL's finest.
 */
final class LoadDataEncoder extends TextRowEncoder {

    @Override
    protected byte trueByte() {
        return '1';
    }

    @Override
    protected byte falseByte() {
        return '0';
    }

    @Override
    protected void bytes(byte[] bytes) {
        escapedBytes(bytes);
    }

    @Override
    protected void nul() {
        ensure(2);
        buffer[length++] = '\\';
        buffer[length++] = '0';
    }

    @Override
    protected int fractionDigits() {
        return 6;
    }
}
