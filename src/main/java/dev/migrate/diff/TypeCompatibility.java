package dev.migrate.diff;

import dev.migrate.types.DataType;
import dev.migrate.types.TypeKind;

/**
 * The compatibility matrix: what moving values from one declared type into another does to them.
 * Widening keeps every value; parsing and converting check each value; narrowing or an incompatible
 * type can lose or refuse values and needs a decision.
 */
public final class TypeCompatibility {

    /** The verdict for one pair of types, with the reason shown in the plan. */
    public record Verdict(Kind kind, String reason) {

        public enum Kind { SAME, WIDENING, CONVERTED, NARROWING, INCOMPATIBLE }

        public Category category() {
            return switch (kind) {
                case SAME -> null;
                case WIDENING, CONVERTED -> Category.TRANSFORMABLE;
                case NARROWING, INCOMPATIBLE -> Category.BREAKING;
            };
        }
    }

    private TypeCompatibility() {
    }

    public static Verdict compare(DataType from, DataType to) {
        TypeKind f = from.kind();
        TypeKind t = to.kind();
        if (f == t) {
            return sameKind(from, to);
        }
        if (t == TypeKind.TEXT || t == TypeKind.OTHER && f != TypeKind.OTHER) {
            return widening("written as text");
        }
        if (f.isInteger() && t.isInteger()) {
            return t.ordinal() > f.ordinal() ? widening("wider integer") : narrowing("smaller integer: larger values would not fit");
        }
        if (f.isInteger() && t == TypeKind.DECIMAL) {
            int digits = f == TypeKind.SMALLINT ? 5 : f == TypeKind.INTEGER ? 10 : 19;
            return to.precision() == 0 || to.precision() - Math.max(to.scale(), 0) >= digits ? widening("integer into decimal")
                    : narrowing("DECIMAL(" + to.precision() + "," + Math.max(to.scale(), 0) + ") holds fewer integer digits than " + f);
        }
        if ((f == TypeKind.SMALLINT || f == TypeKind.INTEGER) && t == TypeKind.DOUBLE || f == TypeKind.REAL && t == TypeKind.DOUBLE
                || f == TypeKind.SMALLINT && t == TypeKind.REAL) {
            return widening("exact in floating point");
        }
        if (f == TypeKind.DOUBLE && t == TypeKind.REAL) {
            return narrowing("single precision rounds double values");
        }
        if ((f.isInteger() || f == TypeKind.DECIMAL) && (t == TypeKind.REAL || t == TypeKind.DOUBLE)) {
            return narrowing("floating point can round large or precise values");
        }
        if (f == TypeKind.DECIMAL && t.isInteger() || (f == TypeKind.REAL || f == TypeKind.DOUBLE) && (t.isInteger() || t == TypeKind.DECIMAL)) {
            return narrowing("fractions would not fit");
        }
        if (f.isCharacter() && t.isCharacter()) {
            return characters(from, to);
        }
        if (f.isBinary() && t.isBinary()) {
            return to.length() == 0 || from.length() > 0 && to.length() >= from.length() ? widening("longer binary")
                    : narrowing("shorter binary: longer values would not fit");
        }
        if (f.isCharacter()) {
            return converted("text parsed as " + t + "; a value that does not parse fails its row");
        }
        if (t == TypeKind.BOOLEAN && f.isInteger()) {
            return converted("0 and 1 become false and true; other values fail their row");
        }
        if (f == TypeKind.BOOLEAN && (t.isInteger() || t == TypeKind.DECIMAL)) {
            return widening("false and true become 0 and 1");
        }
        if (f == TypeKind.DATE && (t == TypeKind.TIMESTAMP || t == TypeKind.TIMESTAMP_TZ)) {
            return widening("a date becomes midnight of its day");
        }
        if (f == TypeKind.TIMESTAMP && t == TypeKind.TIMESTAMP_TZ) {
            return converted("local time taken in the machine's time zone");
        }
        if (f == TypeKind.TIMESTAMP_TZ && t == TypeKind.TIMESTAMP) {
            return converted("instant shown in the machine's time zone");
        }
        if ((f == TypeKind.TIMESTAMP || f == TypeKind.TIMESTAMP_TZ) && t == TypeKind.DATE) {
            return narrowing("the time of day would be lost");
        }
        if (t.isCharacter()) {
            return to.length() == 0 || to.length() >= 40 ? widening("written as text")
                    : converted("written as text; a value longer than " + to.length() + " fails its row");
        }
        if (f == TypeKind.UUID && t.isBinary() || f == TypeKind.JSON && t == TypeKind.TEXT) {
            return widening("same value in another form");
        }
        return new Verdict(Verdict.Kind.INCOMPATIBLE, from.describe() + " values have no " + to.describe() + " form");
    }

    private static Verdict sameKind(DataType from, DataType to) {
        return switch (from.kind()) {
            case CHAR, VARCHAR -> characters(from, to);
            case BINARY, VARBINARY -> from.length() == to.length() ? same()
                    : to.length() == 0 || from.length() > 0 && to.length() > from.length() ? widening("longer binary")
                    : narrowing("shorter binary: longer values would not fit");
            case DECIMAL -> decimals(from, to);
            case TIME, TIMESTAMP, TIMESTAMP_TZ -> from.scale() == to.scale() || from.scale() < 0 && to.scale() >= 6 ? same()
                    : to.scale() < 0 || from.scale() >= 0 && to.scale() > from.scale() ? widening("more fractional-second digits")
                    : narrowing("fractional seconds cut from " + Math.max(from.scale(), 6) + " to " + to.scale() + " digits");
            default -> same();
        };
    }

    private static Verdict characters(DataType from, DataType to) {
        int fromLength = from.kind() == TypeKind.TEXT ? 0 : from.length();
        int toLength = to.kind() == TypeKind.TEXT ? 0 : to.length();
        if (fromLength == toLength) {
            return from.kind() == to.kind() ? same() : widening(to.kind() + " holds the same text");
        }
        if (toLength == 0 || fromLength > 0 && toLength > fromLength) {
            return widening("longer text");
        }
        return narrowing("shorter text: values longer than " + toLength + " would not fit");
    }

    private static Verdict decimals(DataType from, DataType to) {
        if (from.precision() == to.precision() && Math.max(from.scale(), 0) == Math.max(to.scale(), 0)) {
            return same();
        }
        if (to.precision() == 0) {
            return widening("unbounded decimal");
        }
        if (from.precision() == 0) {
            return narrowing("unbounded decimal into DECIMAL(" + to.precision() + "," + Math.max(to.scale(), 0) + ")");
        }
        int fromScale = Math.max(from.scale(), 0);
        int toScale = Math.max(to.scale(), 0);
        if (to.precision() - toScale >= from.precision() - fromScale && toScale >= fromScale) {
            return widening("wider decimal");
        }
        return narrowing(toScale < fromScale ? "precision lost: " + fromScale + " decimals into " + toScale
                : "fewer integer digits: large values would not fit");
    }

    private static Verdict same() {
        return new Verdict(Verdict.Kind.SAME, "");
    }

    private static Verdict widening(String reason) {
        return new Verdict(Verdict.Kind.WIDENING, reason);
    }

    private static Verdict converted(String reason) {
        return new Verdict(Verdict.Kind.CONVERTED, reason);
    }

    private static Verdict narrowing(String reason) {
        return new Verdict(Verdict.Kind.NARROWING, reason);
    }
}
