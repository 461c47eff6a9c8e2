package dev.migrate.engine;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Independent pieces of work (the keys and indexes of different tables) done at once on a few named threads. After
 * the first failure no further piece starts; the pieces already running end as they would, and then that failure
 * is thrown (later ones added to it as suppressed), so nothing is left running and nothing waits for a piece that
 * never started.
 */
public final class Concurrently {

    /** One piece of work. */
    public interface Work<T> {
        void run(T item) throws SQLException;
    }

    private Concurrently() {
    }

    /** Does {@code work} for each of {@code items}, at most {@code workers} at once, on threads named {@code name-N}. */
    public static <T> void each(String name, int workers, List<T> items, Work<T> work) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        ThreadPoolExecutor pool = Engine.namedPool(name + "-", Math.max(1, Math.min(workers, items.size())));
        AtomicBoolean failed = new AtomicBoolean();
        List<Future<?>> started = new ArrayList<>();
        try {
            for (T item : items) {
                started.add(pool.submit(() -> {
                    if (failed.get()) {
                        return null;
                    }
                    try {
                        work.run(item);
                    } catch (SQLException | RuntimeException | Error e) {
                        failed.set(true);
                        throw e;
                    }
                    return null;
                }));
            }
            Throwable first = null;
            for (Future<?> piece : started) {
                try {
                    piece.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause();
                    } else {
                        first.addSuppressed(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed.set(true);
                    throw new SQLException("interrupted while the " + name + " threads were working", e);
                }
            }
            if (first instanceof SQLException sql) {
                throw sql;
            }
            if (first instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (first instanceof Error error) {
                throw error;
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
