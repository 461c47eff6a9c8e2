package dev.migrate.engine;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** A source row as a read-only map by column name, without copying it: what a script's closure sees as {@code row}. */
final class RowView extends AbstractMap<String, Object> {

    private final Map<String, Integer> index;
    private Object[] values;

    RowView(Map<String, Integer> index) {
        this.index = index;
    }

    RowView of(Object[] row) {
        this.values = row;
        return this;
    }

    @Override
    public Object get(Object key) {
        Integer i = index.get(key);
        if (i == null && key instanceof String name) {
            for (Map.Entry<String, Integer> e : index.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return values[e.getValue()];
                }
            }
        }
        return i == null ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return index.containsKey(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                Iterator<Entry<String, Integer>> it = index.entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Entry<String, Object> next() {
                        Entry<String, Integer> e = it.next();
                        return new SimpleImmutableEntry<>(e.getKey(), values[e.getValue()]);
                    }
                };
            }

            @Override
            public int size() {
                return index.size();
            }
        };
    }
}
