package dev.migrate.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A run's cancel switch, handed to it by whoever may stop it (the console's cancel button, an interrupt). Once
 * pulled, no table starts, every running partition stops and rolls back, the partitions already committed stay (as
 * the journal records them, so {@code --resume} goes on from there), and the run ends failed with {@link #reason()}.
 */
public final class Cancellation {

    /** A run nobody can cancel. */
    public static final Cancellation NEVER = new Cancellation();

    private final AtomicReference<String> reason = new AtomicReference<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Pulls the switch; the first reason given is kept. Returns false when it was pulled already. */
    public boolean cancel(String why) {
        if (this == NEVER || !reason.compareAndSet(null, why)) {
            return false;
        }
        listeners.forEach(Runnable::run);
        return true;
    }

    public boolean cancelled() {
        return reason.get() != null;
    }

    /** Why the run was cancelled, or null. */
    public String reason() {
        return reason.get();
    }

    /** {@code action} runs when the switch is pulled, at once if it was pulled already. */
    void onCancel(Runnable action) {
        listeners.add(action);
        if (cancelled()) {
            action.run();
        }
    }

    void forget(Runnable action) {
        listeners.remove(action);
    }
}
