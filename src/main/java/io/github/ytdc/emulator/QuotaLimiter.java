package io.github.ytdc.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ytdc.sheets.memory.SheetsApiError;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Google's per-minute Sheets quotas: 60 reads and 60 writes per caller and 300 of each per project, a batch
 * counting as one request. A refused request is refused at the front door, before anything runs, with Google's
 * exact 429 body and no {@code Retry-After}.
 */
final class QuotaLimiter {
    /** How the 60-second windows move. */
    enum Window {
        /** Counters reset at each whole minute (Google's "refilled every minute"). */
        FIXED,
        /** The last 60 seconds, request by request. */
        SLIDING
    }

    static final int PER_USER = 60;
    static final int PER_PROJECT = 300;
    private static final long MINUTE_MS = 60_000;
    private static final String PROJECT = "projects/1000000000001";

    private final Clock clock;
    private final Window window;
    private final Map<String, Deque<Long>> log = new HashMap<>();

    QuotaLimiter(Clock clock, Window window) {
        this.clock = clock;
        this.window = window;
    }

    /**
     * Counts one request of {@code caller}, or throws Google's 429 when a per-user or per-project quota of its
     * kind is used up (refused requests are not counted).
     */
    synchronized void acquire(String caller, boolean write) {
        long now = clock.millis();
        String kind = write ? "write" : "read";
        Deque<Long> user = recent(caller + "|" + kind, now);
        Deque<Long> project = recent("*|" + kind, now);
        if (user.size() >= PER_USER) {
            throw exceeded(write, true, windowStart(user, now));
        }
        if (project.size() >= PER_PROJECT) {
            throw exceeded(write, false, windowStart(project, now));
        }
        user.addLast(now);
        project.addLast(now);
    }

    private Deque<Long> recent(String key, long now) {
        Deque<Long> times = log.computeIfAbsent(key, k -> new ArrayDeque<>());
        long from = window == Window.FIXED ? now - now % MINUTE_MS : now - MINUTE_MS + 1;
        while (!times.isEmpty() && times.peekFirst() < from) {
            times.removeFirst();
        }
        return times;
    }

    private long windowStart(Deque<Long> times, long now) {
        return window == Window.FIXED ? now - now % MINUTE_MS : times.peekFirst();
    }

    private static SheetsApiError exceeded(boolean write, boolean perUser, long windowStart) {
        String metric = write ? "Write requests" : "Read requests";
        String limitName = metric + " per minute" + (perUser ? " per user" : "");
        String limitId = (write ? "Write" : "Read") + "RequestsPerMinute" + (perUser ? "PerUser" : "");
        String message = "Quota exceeded for quota metric '" + metric + "' and limit '" + limitName
                + "' of service 'sheets.googleapis.com' for consumer 'project_number:1000000000001'.";
        ObjectMapper mapper = new ObjectMapper();
        var details = mapper.createArrayNode();
        ObjectNode info = details.addObject();
        info.put("@type", "type.googleapis.com/google.rpc.ErrorInfo");
        info.put("reason", "RATE_LIMIT_EXCEEDED");
        info.put("domain", "googleapis.com");
        ObjectNode meta = info.putObject("metadata");
        meta.put("window_start_time", Long.toString(windowStart));
        meta.put("quota_metric", "sheets.googleapis.com/" + (write ? "write_requests" : "read_requests"));
        meta.put("quota_location", "global");
        meta.put("service", "sheets.googleapis.com");
        meta.put("quota_unit", perUser ? "1/min/{project}/{user}" : "1/min/{project}");
        meta.put("quota_limit", limitId);
        meta.put("consumer", PROJECT);
        meta.put("quota_limit_value", Integer.toString(perUser ? PER_USER : PER_PROJECT));
        ObjectNode help = details.addObject();
        help.put("@type", "type.googleapis.com/google.rpc.Help");
        ObjectNode link = help.putArray("links").addObject();
        link.put("description", "Request a higher quota limit.");
        link.put("url", "https://cloud.google.com/docs/quotas/help/request_increase");
        return new SheetsApiError(429, "RESOURCE_EXHAUSTED", message, details);
    }
}
