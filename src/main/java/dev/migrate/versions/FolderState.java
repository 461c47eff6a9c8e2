package dev.migrate.versions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a target stands against a folder: every version the folder or the history knows, with its state. What
 * {@code info} prints, what {@code validate} checks and what {@code up} applies.
 */
public final class FolderState {

    public enum State {
        APPLIED("applied"), CHANGED("applied, file changed"), PENDING("pending"), FAILED("failed"), MISSING("missing"),
        FUTURE("future"), OUT_OF_ORDER("out of order"), OUTDATED("changed, re-applied by up"), BASELINE("baseline"),
        BELOW_BASELINE("below baseline");

        private final String text;

        State(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** One version: its file, its history entry, or both. */
    public record Line(String version, String description, String type, State state, VersionFile file, History.Entry entry) {

        public String label() {
            return version == null ? "repeatable '" + description + "'" : "version " + version + " (" + description + ")";
        }
    }

    private final MigrationsFolder folder;
    private final List<History.Entry> entries;
    private final List<Line> lines = new ArrayList<>();

    public FolderState(MigrationsFolder folder, List<History.Entry> entries) {
        this.folder = folder;
        this.entries = List.copyOf(entries);
        Map<Version, History.Entry> versioned = new LinkedHashMap<>();
        Version baseline = null;
        Version newest = null;
        for (History.Entry e : entries) {
            if (e.repeatable()) {
                continue;
            }
            versioned.put(e.parsedVersion(), e);
            if (e.baseline()) {
                baseline = e.parsedVersion();
            }
            if (e.success() && (newest == null || e.parsedVersion().compareTo(newest) > 0)) {
                newest = e.parsedVersion();
            }
        }
        Set<Version> files = new HashSet<>();
        Version newestFile = null;
        for (VersionFile f : folder.versioned()) {
            files.add(f.version());
            newestFile = newestFile == null || f.version().compareTo(newestFile) > 0 ? f.version() : newestFile;
            History.Entry e = versioned.get(f.version());
            State state;
            if (e != null) {
                state = e.baseline() ? State.BASELINE : !e.success() ? State.FAILED
                        : e.checksum() != null && e.checksum() != f.checksum() ? State.CHANGED : State.APPLIED;
            } else if (baseline != null && f.version().compareTo(baseline) <= 0) {
                state = State.BELOW_BASELINE;
            } else if (newest != null && f.version().compareTo(newest) < 0) {
                state = State.OUT_OF_ORDER;
            } else {
                state = State.PENDING;
            }
            lines.add(new Line(f.version().text(), f.description(), f.type(), state, f, e));
        }
        for (Map.Entry<Version, History.Entry> e : versioned.entrySet()) {
            if (!files.contains(e.getKey())) {
                History.Entry entry = e.getValue();
                State state = entry.baseline() ? State.BASELINE : !entry.success() ? State.FAILED
                        : newestFile == null || e.getKey().compareTo(newestFile) > 0 ? State.FUTURE : State.MISSING;
                lines.add(new Line(entry.version(), entry.description(), entry.type(), state, null, entry));
            }
        }
        lines.sort(Comparator.comparing(l -> Version.parse(l.version())));
        Map<String, History.Entry> repeatables = new LinkedHashMap<>();
        for (History.Entry e : entries) {
            if (e.repeatable()) {
                repeatables.put(e.description().toLowerCase(Locale.ROOT), e);
            }
        }
        for (VersionFile f : folder.repeatable()) {
            History.Entry e = repeatables.remove(f.description().toLowerCase(Locale.ROOT));
            State state = e == null ? State.PENDING : !e.success() ? State.FAILED
                    : e.checksum() != null && e.checksum() == f.checksum() ? State.APPLIED : State.OUTDATED;
            lines.add(new Line(null, f.description(), f.type(), state, f, e));
        }
        for (History.Entry e : repeatables.values()) {
            lines.add(new Line(null, e.description(), e.type(), e.success() ? State.MISSING : State.FAILED, null, e));
        }
    }

    public MigrationsFolder folder() {
        return folder;
    }

    public List<History.Entry> entries() {
        return entries;
    }

    public List<Line> lines() {
        return lines;
    }

    /** The versions applied before the newest one failed, if one did: {@code up} stops there. */
    public Optional<Line> failed() {
        return lines.stream().filter(l -> l.state() == State.FAILED).findFirst();
    }

    /** What {@code validate} reports, one line each: a changed or missing file, a version older than the newest applied, a failure. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Line l : lines) {
            switch (l.state()) {
                case CHANGED -> problems.add(l.label() + ": " + l.file().script() + " changed since it was applied (checksum "
                        + l.entry().checksum() + " then, " + l.file().checksum() + " now); put it back, or run repair if the change is deliberate");
                case MISSING -> problems.add(l.label() + ": applied on " + History.shown(l.entry().installedOn()) + " from "
                        + l.entry().script() + ", which is no longer in the folder");
                case OUT_OF_ORDER -> problems.add(l.label() + ": " + l.file().script() + " is older than the newest version applied ("
                        + newestApplied() + ") and was never applied");
                case FAILED -> problems.add(l.label() + (l.entry().type().startsWith("UNDO_") ? ": its undo" : ":") + " failed on "
                        + History.shown(l.entry().installedOn()) + "; repair forgets the failure (after you put right by hand what it did)");
                default -> {
                }
            }
        }
        return problems;
    }

    private String newestApplied() {
        return lines.stream().filter(l -> l.version() != null && (l.state() == State.APPLIED || l.state() == State.CHANGED
                || l.state() == State.BASELINE)).map(Line::version).reduce((a, b) -> b).orElse("none");
    }

    /** The versioned files {@code up} applies, in order, up to {@code to} (all when null). */
    public List<VersionFile> pending(Version to) {
        return lines.stream().filter(l -> l.state() == State.PENDING && l.version() != null)
                .map(Line::file).filter(f -> to == null || f.version().compareTo(to) <= 0).toList();
    }

    /** The repeatable files that are new or changed since they were applied. */
    public List<VersionFile> repeatablesDue() {
        return lines.stream().filter(l -> l.version() == null && l.file() != null && (l.state() == State.PENDING || l.state() == State.OUTDATED))
                .map(Line::file).toList();
    }

    /** The rank the next entry takes. */
    public int nextRank() {
        return entries.stream().mapToInt(History.Entry::rank).max().orElse(0) + 1;
    }
}
