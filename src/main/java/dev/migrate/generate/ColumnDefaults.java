package dev.migrate.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.migrate.schema.ColumnInfo;
import dev.migrate.transfer.ValueKind;
import net.datafaker.Faker;

/**
 * A value for a column the block does not give, from the column's name and type: e-mails for {@code email}, names,
 * phones, addresses, dates in a sensible range, money that fits the column's precision. The rules are data, first
 * match wins. Text comes from a pool made once per column with Datafaker and drawn from with the table's random, which
 * is realistic and fast; every value fits its column.
 */
final class ColumnDefaults {

    /** Dates fall in these years, birth dates in the others. */
    static final LocalDate FIRST_DAY = LocalDate.of(2015, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2025, 12, 31);
    private static final LocalDate FIRST_BIRTH = LocalDate.of(1940, 1, 1);
    private static final LocalDate LAST_BIRTH = LocalDate.of(2006, 12, 31);

    /** What a column's name says it holds, for text. */
    enum Meaning { EMAIL, NAME, DATE, NUMBER, OTHER }

    private record TextRule(Pattern name, Meaning meaning, Function<Faker, String> make) {
        TextRule(String regex, Meaning meaning, Function<Faker, String> make) {
            this(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), meaning, make);
        }
    }

    private static final List<TextRule> TEXT_RULES = List.of(
            new TextRule(".*(e_?mail|^mail).*", Meaning.EMAIL, f -> f.internet().emailAddress()),
            new TextRule(".*(first_?name|given_?name|forename).*", Meaning.NAME, f -> f.name().firstName()),
            new TextRule(".*(last_?name|surname|family_?name).*", Meaning.NAME, f -> f.name().lastName()),
            new TextRule(".*(user_?name|login|nick).*", Meaning.OTHER, f -> f.internet().username()),
            new TextRule(".*(phone|mobile|fax|tel).*", Meaning.OTHER, f -> f.phoneNumber().phoneNumber()),
            new TextRule(".*(street|address|addr).*", Meaning.OTHER, f -> f.address().streetAddress()),
            new TextRule(".*(city|town).*", Meaning.NAME, f -> f.address().city()),
            new TextRule(".*(zip|postal|postcode|plz).*", Meaning.OTHER, f -> f.address().zipCode()),
            new TextRule(".*country.*", Meaning.NAME, f -> f.address().country()),
            new TextRule(".*(state|region|province).*", Meaning.NAME, f -> f.address().state()),
            new TextRule(".*(url|website|homepage|link).*", Meaning.OTHER, f -> f.internet().url()),
            new TextRule(".*(company|employer|organi[sz]ation|supplier|vendor).*", Meaning.NAME, f -> f.company().name()),
            new TextRule(".*(product|item|article).*", Meaning.NAME, f -> f.commerce().productName()),
            new TextRule(".*(category|department).*", Meaning.NAME, f -> f.commerce().department()),
            new TextRule(".*(color|colour).*", Meaning.NAME, f -> f.color().name()),
            new TextRule(".*(currency).*", Meaning.OTHER, f -> f.money().currencyCode()),
            new TextRule(".*(iban).*", Meaning.OTHER, f -> f.finance().iban()),
            new TextRule(".*(job|position|role).*", Meaning.NAME, f -> f.job().title()),
            new TextRule(".*title.*", Meaning.NAME, f -> f.book().title()),
            new TextRule(".*(description|notes?|comments?|remarks?|text|body|summary|bio).*", Meaning.OTHER, f -> f.lorem().paragraph()),
            new TextRule(".*(full_?name|customer|contact|person|owner|author|^name$|_name$).*", Meaning.NAME, f -> f.name().fullName()),
            new TextRule(".*(sku|code|ref).*", Meaning.OTHER, f -> f.bothify("??-#####").toUpperCase(Locale.ROOT)));

    private static final Pattern DATE_NAME = Pattern.compile(
            ".*(date|_at$|_on$|^at$|time|day|born|birth|dob|placed|created|updated|modified|since|signed|joined|shipped|due|expires).*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BIRTH_NAME = Pattern.compile(".*(born|birth|dob).*", Pattern.CASE_INSENSITIVE);
    private static final Pattern MONEY_NAME = Pattern.compile(
            ".*(amount|price|total|cost|balance|salary|fee|paid|sum|revenue|value|charge|tax|discount|rate).*", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUANTITY_NAME = Pattern.compile(".*(qty|quantity|count|units|stock|pieces).*", Pattern.CASE_INSENSITIVE);
    private static final Pattern AGE_NAME = Pattern.compile("(.*_)?age", Pattern.CASE_INSENSITIVE);
    private static final Pattern YEAR_NAME = Pattern.compile(".*year.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern UUID_NAME = Pattern.compile(".*(uuid|guid).*", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENUM = Pattern.compile("'((?:[^']|'')*)'");

    private ColumnDefaults() {
    }

    /** What the column's name says it holds, for dirt that suits it (mixed case for e-mails and names, other date formats). */
    static Meaning meaning(String column, ValueKind kind) {
        if (kind != ValueKind.TEXT) {
            return Meaning.OTHER;
        }
        for (TextRule rule : TEXT_RULES) {
            if (rule.name.matcher(column).matches()) {
                return rule.meaning;
            }
        }
        if (DATE_NAME.matcher(column).matches()) {
            return Meaning.DATE;
        }
        return MONEY_NAME.matcher(column).matches() ? Meaning.NUMBER : Meaning.OTHER;
    }

    /** The longest text the column holds, in characters. */
    static int maxLength(ColumnInfo column) {
        return column.size() > 0 ? column.size() : Integer.MAX_VALUE;
    }

    /** A default for the column, or empty with nothing to say when the tool cannot make its type (then it must be given). */
    static Optional<ValueMaker> maker(ColumnInfo column, ValueKind kind, Faker faker, Random random, int poolSize) {
        String name = column.name();
        return Optional.ofNullable(switch (kind) {
            case BOOLEAN -> row -> random.nextBoolean();
            case INTEGER, BIGINT -> integers(column, kind, random);
            case DECIMAL -> decimals(column, random);
            case REAL -> row -> (float) (Math.round(random.nextDouble() * 100_000) / 100.0);
            case DOUBLE -> row -> Math.round(random.nextDouble() * 100_000) / 100.0;
            case DATE -> {
                boolean birth = BIRTH_NAME.matcher(name).matches();
                yield row -> day(random, birth);
            }
            case TIMESTAMP -> row -> moment(random);
            case TIMESTAMP_TZ -> row -> moment(random).atOffset(ZoneOffset.UTC);
            case TIME -> row -> LocalTime.ofSecondOfDay(random.nextInt(86_400));
            case UUID -> row -> new UUID(random.nextLong(), random.nextLong());
            case BINARY -> {
                int length = Math.min(16, maxLength(column));
                yield row -> {
                    byte[] bytes = new byte[length];
                    random.nextBytes(bytes);
                    return bytes;
                };
            }
            case JSON -> row -> "{\"n\": " + random.nextInt(1000) + "}";
            case TEXT -> text(column, faker, random, poolSize);
            case OTHER -> null;
        });
    }

    private static ValueMaker integers(ColumnInfo column, ValueKind kind, Random random) {
        String name = column.name();
        long low;
        long high;
        if (AGE_NAME.matcher(name).matches()) {
            low = 18;
            high = 90;
        } else if (YEAR_NAME.matcher(name).matches()) {
            low = FIRST_BIRTH.getYear();
            high = LAST_DAY.getYear();
        } else if (QUANTITY_NAME.matcher(name).matches()) {
            low = 1;
            high = 20;
        } else if ("tinyint(1)".equalsIgnoreCase(column.declaredType())) {
            low = 0; // MySQL's BOOLEAN: 0 or 1, as the tool reads it
            high = 1;
        } else if (column.jdbcType() == Types.TINYINT || column.jdbcType() == Types.BIT) {
            low = 0;
            high = 100;
        } else if (column.jdbcType() == Types.SMALLINT) {
            low = 0;
            high = 10_000;
        } else {
            low = 1;
            high = kind == ValueKind.BIGINT ? 10_000_000 : 100_000;
        }
        boolean wide = kind == ValueKind.BIGINT;
        return row -> {
            long v = low + (long) (random.nextDouble() * (high - low + 1));
            return wide ? (Object) v : (Object) (int) v;
        };
    }

    /** Money-like where the name says so, within the precision and scale of the column in any case. */
    private static ValueMaker decimals(ColumnInfo column, Random random) {
        int scale = column.scale() > 0 ? column.scale() : 0;
        int precision = column.size() > 0 && column.size() < 1000 ? column.size() : 12;
        int scaleUsed = column.size() > 0 && column.size() < 1000 ? scale : 2;
        BigDecimal largest = BigDecimal.ONE.movePointRight(Math.max(0, precision - scaleUsed)).subtract(BigDecimal.ONE.movePointLeft(scaleUsed));
        BigDecimal cap = MONEY_NAME.matcher(column.name()).matches() ? BigDecimal.valueOf(2_000) : BigDecimal.valueOf(10_000);
        BigDecimal high = largest.min(cap);
        return row -> BigDecimal.valueOf(random.nextDouble()).multiply(high).setScale(scaleUsed, RoundingMode.DOWN);
    }

    private static ValueMaker text(ColumnInfo column, Faker faker, Random random, int poolSize) {
        int length = maxLength(column);
        List<String> choices = enumValues(column);
        if (!choices.isEmpty()) {
            return row -> choices.get(random.nextInt(choices.size()));
        }
        String name = column.name();
        if (UUID_NAME.matcher(name).matches() && length >= 36) {
            return row -> new UUID(random.nextLong(), random.nextLong()).toString();
        }
        for (TextRule rule : TEXT_RULES) {
            if (rule.name.matcher(name).matches()) {
                ValueMaker pooled = pooled(faker, random, poolSize, length, rule.make);
                return rule.meaning == Meaning.EMAIL ? distinct(pooled, length) : pooled;
            }
        }
        if (DATE_NAME.matcher(name).matches() && length >= 10) {
            boolean birth = BIRTH_NAME.matcher(name).matches();
            return row -> day(random, birth).toString();
        }
        if (MONEY_NAME.matcher(name).matches() && length >= 7) {
            return row -> BigDecimal.valueOf(random.nextInt(200_000), 2).toPlainString();
        }
        if (length < 4) {
            return row -> letters(random, length);
        }
        return pooled(faker, random, poolSize, length, f -> f.lorem().sentence(3));
    }

    private static ValueMaker pooled(Faker faker, Random random, int poolSize, int length, Function<Faker, String> make) {
        String[] pool = new String[poolSize];
        for (int i = 0; i < poolSize; i++) {
            pool[i] = fit(make.apply(faker), length);
        }
        return row -> pool[random.nextInt(pool.length)];
    }

    /**
     * E-mails as people have them: each one once, even without a unique key (a pool drawn at random repeats), so that
     * a repeated e-mail is dirt the block asked for (a duplicated row), not chance. A taken one gets the row's number.
     */
    private static ValueMaker distinct(ValueMaker pooled, int length) {
        Set<String> taken = new HashSet<>();
        return row -> {
            String email = (String) pooled.make(row);
            if (taken.add(email)) {
                return email;
            }
            int at = email.indexOf('@');
            String suffix = String.valueOf(row.getRowNumber());
            String numbered = at < 0 ? fit(email, length - suffix.length()) + suffix
                    : fit(email.substring(0, at), Math.max(1, length - suffix.length() - (email.length() - at))) + suffix + email.substring(at);
            taken.add(numbered);
            return numbered;
        };
    }

    /** MySQL's {@code enum('a','b')} and {@code set(...)}: only what the column allows. */
    static List<String> enumValues(ColumnInfo column) {
        String declared = column.declaredType();
        List<String> values = new ArrayList<>();
        if (declared != null && declared.toLowerCase(Locale.ROOT).matches("(enum|set)\\(.*")) {
            Matcher m = ENUM.matcher(declared);
            while (m.find()) {
                values.add(m.group(1).replace("''", "'"));
            }
        }
        return values;
    }

    static boolean isEnum(ColumnInfo column) {
        return !enumValues(column).isEmpty();
    }

    static LocalDate day(Random random, boolean birth) {
        LocalDate first = birth ? FIRST_BIRTH : FIRST_DAY;
        LocalDate last = birth ? LAST_BIRTH : LAST_DAY;
        return first.plusDays(random.nextInt((int) (last.toEpochDay() - first.toEpochDay() + 1)));
    }

    private static LocalDateTime moment(Random random) {
        return day(random, false).atStartOfDay().plusSeconds(random.nextInt(86_400));
    }

    private static String letters(Random random, int length) {
        char[] chars = new char[Math.max(1, length)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ('A' + random.nextInt(26));
        }
        return new String(chars);
    }

    /** At most {@code length} characters (code points, as databases count them), no space at the end. */
    static String fit(String text, int length) {
        if (text.length() <= length || text.codePointCount(0, text.length()) <= length) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, length)).stripTrailing();
    }
}
