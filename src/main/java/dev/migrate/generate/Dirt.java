package dev.migrate.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

import dev.migrate.generate.ColumnDefaults.Meaning;

/**
 * Legacy dirt for one text value: stray spaces, mixed case in e-mails and names, an empty string where NULL was
 * meant, a date in another format, a number written with a currency sign and thousands. Only ever text into a text
 * column, and never longer than the column holds: dirt never makes an insert fail.
 */
final class Dirt {

    /** The formats a date is written in besides ISO; each is one the legacy-to-normalized example reads. */
    static final String[] DATE_FORMATS = {"dd/MM/yyyy", "MM-dd-yyyy", "dd.MM.yyyy", "yyyyMMdd"};

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private Dirt() {
    }

    /** {@code value} made dirty in a way that suits it and fits {@code length}; the value itself when none does. */
    static String apply(String value, Meaning meaning, int length, Random random) {
        for (int attempt = 0; attempt < 4; attempt++) {
            String dirty = once(value, meaning, random);
            if (!dirty.equals(value) && dirty.codePointCount(0, dirty.length()) <= length) {
                return dirty;
            }
        }
        return value.isEmpty() ? value : "";
    }

    private static String once(String value, Meaning meaning, Random random) {
        if (ISO_DATE.matcher(value).matches() && random.nextInt(4) > 0) {
            LocalDate day = LocalDate.parse(value);
            return day.format(DateTimeFormatter.ofPattern(DATE_FORMATS[random.nextInt(DATE_FORMATS.length)], Locale.ROOT));
        }
        if (PLAIN_NUMBER.matcher(value).matches() && new BigDecimal(value).scale() <= 2 && random.nextInt(4) > 0) {
            return money(new BigDecimal(value), random);
        }
        if (meaning == Meaning.EMAIL && random.nextInt(3) > 0) {
            return mixedCase(value, random);
        }
        if (meaning == Meaning.NAME && random.nextInt(3) > 0) {
            // as mainframes and hurried typists left names: all capitals or all small letters
            return random.nextBoolean() ? value.toUpperCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT);
        }
        return switch (random.nextInt(4)) {
            case 0 -> " " + value;
            case 1 -> value + "  ";
            case 2 -> "  " + value + " ";
            default -> "";
        };
    }

    /** {@code $1,250.00}, {@code 1.250,00 €} or {@code £ 12.50}: as people wrote money into text columns. */
    static String money(BigDecimal number, Random random) {
        BigDecimal amount = number.setScale(2, RoundingMode.UNNECESSARY);
        String plain = amount.abs().toPlainString();
        int point = plain.indexOf('.');
        String whole = plain.substring(0, point);
        String fraction = plain.substring(point + 1);
        String sign = amount.signum() < 0 ? "-" : "";
        return switch (random.nextInt(3)) {
            case 0 -> sign + "$" + grouped(whole, ',') + "." + fraction;
            case 1 -> sign + grouped(whole, '.') + "," + fraction + " €";
            default -> "£ " + sign + whole + "." + fraction;
        };
    }

    private static String grouped(String digits, char separator) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                out.append(separator);
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    private static String mixedCase(String value, Random random) {
        if (random.nextBoolean()) {
            return value.toUpperCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return out.toString();
    }
}
