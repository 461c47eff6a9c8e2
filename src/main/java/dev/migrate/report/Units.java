package dev.migrate.report;

import java.util.Locale;

/** Numbers as people read them, everywhere the tool prints one: counts with thousands separators, bytes in units, seconds to a tenth. */
public final class Units {

    private Units() {
    }

    /** {@code 4778711} as {@code 4,778,711}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A rate as a whole number with thousands separators: {@code 12345.6} as {@code 12,346}. */
    public static String rate(double perSecond) {
        return count(Math.round(perSecond));
    }

    public static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    public static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f", s);
    }
}
