package io.github.ytdc.coord;

import java.util.List;

/** Header names of the columns ytdc reads and writes, and the column sets of each tab (SPEC section 2). */
public final class Columns {
    public static final String ID = "ID";
    public static final String URL = "URL";
    public static final String STATUS = "Status";
    public static final String CLAIMED_BY = "ClaimedBy";
    public static final String CLAIMED_AT = "ClaimedAt";
    public static final String RETRY_COUNT = "RetryCount";
    public static final String LAST_ERROR = "LastError";
    public static final String CLAIM_TOKEN = "ClaimToken";
    public static final String HEARTBEAT_AT = "HeartbeatAt";
    public static final String NOT_BEFORE = "NotBefore";
    public static final String VIDEOS = "Videos";
    public static final String EXPANDED_AT = "ExpandedAt";
    /** Optional per-source limit on the number of videos listed. */
    public static final String MAX_VIDEOS = "MaxVideos";
    /** Optional per-source re-sync interval such as {@code 1d}. */
    public static final String RESYNC = "Resync";
    public static final String SOURCE_ID = "SourceID";
    public static final String DURATION = "Duration";
    public static final String TITLE = "Title";
    public static final String DONE_AT = "DoneAt";
    public static final String OUTPUT = "Output";

    public static final String WORKER = "Worker";
    public static final String HOST = "Host";
    public static final String LAST_SEEN = "LastSeen";
    public static final String VERSION = "Version";
    public static final String CURRENT = "Current";
    public static final String DONE = "Done";
    public static final String FAILED = "Failed";
    /** How often the agent renews its leases (and so at least how often LastSeen moves), e.g. {@code 1m}. */
    public static final String HEARTBEAT = "Heartbeat";
    /** The agent's stall timeout, e.g. {@code 10m}: a LastSeen older than this means the agent is dead. */
    public static final String STALL_TIMEOUT = "StallTimeout";

    /** Sources (and Dead-Letter Sources), in the order a new tab gets them. */
    public static final List<String> SOURCES = List.of(ID, URL, STATUS, CLAIMED_BY, CLAIMED_AT, RETRY_COUNT,
            LAST_ERROR, CLAIM_TOKEN, HEARTBEAT_AT, NOT_BEFORE, VIDEOS, EXPANDED_AT);

    /** Video Tasks (and Dead-Letter Tasks), in the order a new tab gets them. */
    public static final List<String> VIDEOS_TAB = List.of(ID, SOURCE_ID, URL, STATUS, DURATION, CLAIMED_BY,
            CLAIMED_AT, RETRY_COUNT, LAST_ERROR, TITLE, CLAIM_TOKEN, HEARTBEAT_AT, NOT_BEFORE, DONE_AT, OUTPUT);

    /** Workers: one row per agent. */
    public static final List<String> WORKERS = List.of(WORKER, HOST, STATUS, LAST_SEEN, VERSION, CURRENT, DONE, FAILED,
            HEARTBEAT, STALL_TIMEOUT);

    /** The compact Archive tab: one row per archived block of finished videos. */
    public static final List<String> ARCHIVE = List.of("ArchivedAt", "Videos", "Sources", "IDs", "Records");

    /** Columns of work tabs the protocol owns; any other column is a pass-through column. */
    public static final List<String> PROTOCOL = List.of(ID, URL, STATUS, CLAIMED_BY, CLAIMED_AT, RETRY_COUNT,
            LAST_ERROR, CLAIM_TOKEN, HEARTBEAT_AT, NOT_BEFORE, VIDEOS, EXPANDED_AT, MAX_VIDEOS, RESYNC, SOURCE_ID,
            DURATION, TITLE, DONE_AT, OUTPUT);

    private Columns() {}

    /** True when {@code header} names a protocol column (trimmed, case-insensitive). */
    public static boolean isProtocol(String header) {
        return PROTOCOL.stream().anyMatch(p -> p.equalsIgnoreCase(header.trim()));
    }
}
