package dev.migrate.schema;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Name lookups as users expect across databases: the exact name first, then the same name in another case. */
public final class Names {

    private Names() {
    }

    /** A name folded for comparison across naming styles: lower case, letters and digits only ({@code AlbumId} is {@code albumid}). */
    public static String fold(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    public static <T> Optional<T> find(Collection<T> items, Function<T, String> name, String wanted) {
        Optional<T> exact = items.stream().filter(i -> name.apply(i).equals(wanted)).findFirst();
        return exact.isPresent() ? exact : items.stream().filter(i -> name.apply(i).equalsIgnoreCase(wanted)).findFirst();
    }
}
