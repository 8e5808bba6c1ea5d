package io.github.ytdc.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ytdc.YtdcException;
import io.github.ytdc.coord.Timestamps;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code ytdc status --json}: a stable shape for scripts. Every key is always present; unknown values are
 * {@code null}. Times are ISO-8601 UTC, durations whole seconds. New keys may be added; existing ones keep their
 * meaning while {@code schema} stays 1.
 *
 * <pre>{@code
 * {
 *   "schema": 1,
 *   "at": "2026-11-21T08:00:00Z",
 *   "spreadsheet": "local",
 *   "totals": {
 *     "sources": PROGRESS, "videos": PROGRESS,
 *     "videosPerHour": 12.5 | null, "etaSeconds": 3600 | null,     // 0 = nothing left; never before backoffUntil;
 *                                                                    // null when unknown or no agent is alive
 *     "backingOff": 2, "backoffUntil": "2026-11-21T08:01:00Z" | null // pending rows waiting out a retry backoff
 *   },
 *   "sources": [ {
 *     "id": "UCx", "url": "https://...", "status": "done",          // the source row's Status; "" = no row
 *     "listedVideos": 40 | null, "videos": PROGRESS,
 *     "videosPerHour": 12.5 | null, "etaSeconds": 3600 | null,     // 0 = nothing left; no rate then
 *     "backingOff": 0, "backoffUntil": null
 *   } ],
 *   "workers": [ {
 *     "name": "host-1234", "host": "host", "status": "running", "listed": true,
 *     "state": "running" | "idle" | "paused" | "stopping" | "stopped" | "dead" | "unknown",
 *     "reason": "",                                                  // why paused; why dead
 *     "heartbeatSeconds": 60 | null, "stallTimeoutSeconds": 600 | null,
 *     "lastSeen": "2026-11-21T07:59:48Z" | null, "lastSeenSecondsAgo": 12 | null,
 *     "version": "1.0.0", "current": "...", "done": 10 | null, "failed": 0 | null,
 *     "tasks": [ {                                                   // Current read back; [] unless alive
 *       "kind": "video", "id": "abc", "phase": "verifying" | "ready" | "running" | "finishing",
 *       "percent": 42 | null, "bytesPerSecond": 1258291 | null, "etaSeconds": 90 | null  // the download's progress
 *     } ],
 *     "holds": ["video:abc", "source:UCx"]
 *   } ],
 *   "deadLetters": {
 *     "total": 3,
 *     "byError": [ { "error": "Private video", "count": 2 } ],
 *     "latest": [ { "kind": "video", "id": "abc", "sourceId": "UCx", "error": "...", "retryCount": 3 } ]
 *   },
 *   "problems": [ "'Video Tasks' row 7 (abc): Status 'finished' is not ..." ]
 * }
 * PROGRESS = { "total": 10, "done": 4, "pending": 3, "inProgress": 1, "error": 1, "unreadable": 1, "percentDone": 40.0 }
 * }</pre>
 */
final class StatusJson {
    public static final int SCHEMA = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatusJson() {}

    /** The report as a JSON document (pretty-printed). */
    public static String render(StatusReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("at", Timestamps.format(r.at()));
        root.put("spreadsheet", r.spreadsheet());
        ObjectNode totals = root.putObject("totals");
        totals.set("sources", progress(r.totals().sources()));
        totals.set("videos", progress(r.totals().videos()));
        totals.put("videosPerHour", r.totals().videosPerHour());
        putSeconds(totals, "etaSeconds", r.totals().eta());
        putBackoff(totals, r.totals().backoff());
        ArrayNode sources = root.putArray("sources");
        for (SourceProgress s : r.sources()) {
            ObjectNode o = sources.addObject();
            o.put("id", s.id());
            o.put("url", s.url());
            o.put("status", s.status());
            o.put("listedVideos", s.listedVideos());
            o.set("videos", progress(s.videos()));
            o.put("videosPerHour", s.videosPerHour());
            putSeconds(o, "etaSeconds", s.eta());
            putBackoff(o, s.backoff());
        }
        ArrayNode workers = root.putArray("workers");
        for (WorkerStatus w : r.workers()) {
            ObjectNode o = workers.addObject();
            o.put("name", w.name());
            o.put("host", w.host());
            o.put("status", w.status());
            o.put("listed", w.listed());
            o.put("state", w.state().label());
            o.put("reason", w.reason());
            putSeconds(o, "heartbeatSeconds", w.heartbeat());
            putSeconds(o, "stallTimeoutSeconds", w.stallTimeout());
            putTime(o, "lastSeen", w.lastSeen());
            putSeconds(o, "lastSeenSecondsAgo", w.age());
            o.put("version", w.version());
            o.put("current", w.current());
            o.put("done", w.done());
            o.put("failed", w.failed());
            ArrayNode tasks = o.putArray("tasks");
            for (WorkerStatus.Task t : w.tasks()) {
                ObjectNode task = tasks.addObject().put("kind", t.kind()).put("id", t.id()).put("phase", t.phase());
                task.put("percent", t.percent());
                task.put("bytesPerSecond", t.bytesPerSecond());
                putSeconds(task, "etaSeconds", t.eta());
            }
            ArrayNode holds = o.putArray("holds");
            w.holds().forEach(holds::add);
        }
        ObjectNode dead = root.putObject("deadLetters");
        dead.put("total", r.deadLetters().total());
        ArrayNode byError = dead.putArray("byError");
        r.deadLetters().byError().forEach(e -> byError.addObject().put("error", e.error()).put("count", e.count()));
        ArrayNode latest = dead.putArray("latest");
        r.deadLetters().latest().forEach(d -> latest.addObject().put("kind", d.kind().label()).put("id", d.id())
                .put("sourceId", d.sourceId()).put("error", d.error()).put("retryCount", d.retryCount()));
        ArrayNode problems = root.putArray("problems");
        r.problems().forEach(problems::add);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new YtdcException("could not write the status as JSON: " + e.getMessage(), e);
        }
    }

    private static ObjectNode progress(Progress p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("total", p.total());
        o.put("done", p.done());
        o.put("pending", p.pending());
        o.put("inProgress", p.inProgress());
        o.put("error", p.error());
        o.put("unreadable", p.unreadable());
        o.put("percentDone", Math.round(p.percentDone() * 10) / 10.0);
        return o;
    }

    private static void putSeconds(ObjectNode o, String key, Duration d) {
        if (d == null) {
            o.putNull(key);
        } else {
            o.put(key, d.toSeconds());
        }
    }

    private static void putBackoff(ObjectNode o, WaitingRetries b) {
        o.put("backingOff", b.rows());
        putTime(o, "backoffUntil", b.until());
    }

    private static void putTime(ObjectNode o, String key, Instant t) {
        if (t == null) {
            o.putNull(key);
        } else {
            o.put(key, Timestamps.format(t));
        }
    }
}
