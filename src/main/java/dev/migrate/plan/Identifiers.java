package dev.migrate.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a source name becomes the name of what a run creates in the target: a table, a column, an index, a constraint.
 * A name the script writes itself (a table's new name, a column's {@code rename}) is taken as written.
 */
public enum Identifiers {

    /** as the source spells it ({@code AlbumId}); a target that folds names differently gets it quoted */
    AS_IS,
    /** in lower case ({@code AlbumId} is {@code albumid}), as pgloader makes names by default */
    LOWER,
    /**
     * in lower case with words apart ({@code AlbumId} is {@code album_id}): a word begins at a capital after a small
     * letter or a digit ({@code userID} is {@code user_id}), and at the last capital of a run followed by a small letter
     * ({@code HTTPServer} is {@code http_server}); digits belong to the word before them ({@code userID2} is
     * {@code user_id2}); spaces, hyphens and dots become one underscore ({@code Order Details} is {@code order_details})
     */
    SNAKE_CASE;

    /** The target name of source name {@code name}. */
    public String apply(String name) {
        return switch (this) {
            case AS_IS -> name;
            case LOWER -> name.toLowerCase(Locale.ROOT);
            case SNAKE_CASE -> snakeCase(name);
        };
    }

    private static String snakeCase(String name) {
        StringBuilder out = new StringBuilder();
        int length = name.length();
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (c == ' ' || c == '-' || c == '.') {
                if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
                continue;
            }
            if (Character.isUpperCase(c) && i > 0) {
                char before = name.charAt(i - 1);
                boolean afterWord = Character.isLowerCase(before) || Character.isDigit(before);
                boolean endOfCapitals = Character.isUpperCase(before) && i + 1 < length && Character.isLowerCase(name.charAt(i + 1));
                if ((afterWord || endOfCapitals) && out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    /** The setting's word for {@code word}, or an error listing the words there are, with the nearest one. */
    public static Identifiers of(String word) {
        for (Identifiers value : values()) {
            if (value.name().equals(word)) {
                return value;
            }
        }
        List<String> words = Arrays.stream(values()).map(Enum::name).toList();
        throw new IllegalArgumentException("identifiers must be one of " + String.join(", ", words) + ", not '" + word + "'"
                + Suggestions.nearest(word, words));
    }
}
