package io.github.ytdc.coord;

import java.util.Locale;
import java.util.Optional;

/** The status of a work row. People type these by hand, so reading is lenient; writing is always {@link #label()}. */
public enum Status {
    PENDING("pending"),
    IN_PROGRESS("in-progress"),
    DONE("done"),
    ERROR("error");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    /** The canonical cell text, e.g. {@code in-progress}. */
    public String label() {
        return label;
    }

    /**
     * Reads a status cell: case, surrounding spaces, and {@code _}/space instead of {@code -} are ignored
     * ({@code "Pending "}, {@code "DONE"}, {@code "in progress"}). A blank cell reads as {@link #PENDING} (a row a
     * person added with only a URL); text that is no status at all reads as empty, and such rows are left alone.
     */
    public static Optional<Status> read(String cell) {
        String t = cell == null ? "" : cell.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        if (t.isEmpty()) {
            return Optional.of(PENDING);
        }
        for (Status s : values()) {
            if (s.label.equals(t)) {
                return Optional.of(s);
            }
        }
        return t.equals("inprogress") ? Optional.of(IN_PROGRESS) : Optional.empty();
    }

    /** True for rows that need no more work: {@code done} and {@code error}. */
    public boolean finished() {
        return this == DONE || this == ERROR;
    }
}
