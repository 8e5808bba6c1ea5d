package io.github.ytdc.coord;

/** The two kinds of work rows: a source (channel, playlist) to expand, and a video to process. */
public enum TaskKind {
    SOURCE("source"),
    VIDEO("video");

    private final String label;

    TaskKind(String label) {
        this.label = label;
    }

    /** The lower-case name used in journals and logs. */
    public String label() {
        return label;
    }
}
