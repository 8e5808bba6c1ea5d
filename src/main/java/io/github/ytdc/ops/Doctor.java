package io.github.ytdc.ops;

import io.github.ytdc.YtdcException;
import io.github.ytdc.coord.Timestamps;
import io.github.ytdc.coord.Columns;
import io.github.ytdc.coord.Header;
import io.github.ytdc.coord.SheetInitializer;
import io.github.ytdc.coord.TabSnapshot;
import io.github.ytdc.coord.WorkRow;
import io.github.ytdc.media.ytdlp.ToolDiscovery;
import io.github.ytdc.media.ytdlp.ToolReport;
import io.github.ytdc.ops.Operations.DoctorOptions;
import io.github.ytdc.toolchain.ToolchainSetup;
import io.github.ytdc.sheets.ConnectionSettings;
import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SpreadsheetInfo;
import io.github.ytdc.sheets.SpreadsheetPort;
import io.github.ytdc.sheets.connect.Spreadsheets;
import io.github.ytdc.sheets.google.GoogleSpreadsheetPort;
import io.github.ytdc.util.ByteSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code ytdc doctor}: checks, one result each, everything an agent needs: credentials, the spreadsheet and its
 * tabs and columns, yt-dlp (new enough for YouTube, with its challenge-solver scripts), its channel, a JavaScript
 * runtime, an optional canary extraction, ffmpeg, free disk in the output folder, and this host's clock against the
 * timestamps agents wrote. Never throws for what it checks; a check that depends on a failed one is skipped.
 *
 * <p>The sheet costs two reads: {@code spreadsheets.get} and one {@code values.batchGet} of the tabs.
 */
final class Doctor {
    private final Function<ConnectionSettings, SpreadsheetPort> opener;
    private final ToolDiscovery tools;
    private final Clock clock;
    private final ToolchainSetup setup;
    private final ToolchainSetup.Extras extras;

    /**
     * @param opener opens the spreadsheet; see {@link SheetReader#openExisting} (doctor must not create a local spreadsheet)
     * @param tools  finds yt-dlp and ffmpeg
     * @param clock  this host's clock, compared with the sheet's timestamps
     */
    public Doctor(Function<ConnectionSettings, SpreadsheetPort> opener, ToolDiscovery tools, Clock clock) {
        this.opener = opener;
        this.tools = tools;
        this.clock = clock;
        this.setup = null;
        this.extras = null;
    }

    /**
     * A doctor that checks the toolchain as an agent would choose it (managed tools first), including the
     * JavaScript runtime and, when asked, a canary extraction.
     *
     * @param setup   chooses yt-dlp and the runtime as the agent does, and checks them
     *                  ({@link ToolchainSetup#diagnose})
     * @param extras  how agents run yt-dlp (PO-token provider, plugins, pacing), for the canary
     */
    public Doctor(Function<ConnectionSettings, SpreadsheetPort> opener, ToolDiscovery tools, Clock clock,
                  ToolchainSetup setup, ToolchainSetup.Extras extras) {
        this.opener = opener;
        this.tools = tools;
        this.clock = clock;
        this.setup = setup;
        this.extras = extras;
    }

    /** Runs every check, in a fixed order. */
    public List<CheckResult> run(DoctorOptions o) {
        List<CheckResult> results = new ArrayList<>();
        CheckResult credentials = credentials(o.connection());
        results.add(credentials);
        results.addAll(sheet(o, credentials.level() != CheckResult.Level.FAIL));
        if (setup != null) {
            setup.diagnose(o.ytDlp(), o.jsRuntime(), o.canaryUrl(), extras, clock).stream()
                    .map(f -> new CheckResult(f.name(), CheckResult.Level.valueOf(f.level().name()), f.message()))
                    .forEach(results::add);
        } else {
            results.add(ytDlp(o.ytDlp()));
        }
        results.add(ffmpeg(o.ffmpeg()));
        results.add(disk(o.output(), o.minFreeBytes()));
        return results;
    }

    /** True when no check failed. */
    public static boolean healthy(List<CheckResult> results) {
        return results.stream().noneMatch(r -> r.level() == CheckResult.Level.FAIL);
    }

    CheckResult credentials(ConnectionSettings s) {
        String name = "credentials";
        if (s.backend() == ConnectionSettings.Backend.LOCAL) {
            return CheckResult.pass(name, "local mode (no --credentials or --endpoint): no credentials needed, "
                    + "spreadsheet in " + s.localDirOrDefault().toAbsolutePath().normalize());
        }
        if (s.credentials() == null) {
            return CheckResult.pass(name, "none needed for the endpoint " + Spreadsheets.describe(s));
        }
        try {
            String email = GoogleSpreadsheetPort.serviceAccountEmail(s.credentials());
            return CheckResult.pass(name, "service-account key " + s.credentials() + " for " + email
                    + " (share the spreadsheet with this address as Editor)");
        } catch (SheetsException e) {
            return CheckResult.fail(name, e.getMessage());
        }
    }

    private List<CheckResult> sheet(DoctorOptions o, boolean credentialsOk) {
        if (!credentialsOk) {
            return List.of(CheckResult.skip("spreadsheet", "needs working credentials"),
                    CheckResult.skip("tabs", "needs the spreadsheet"),
                    CheckResult.skip("clock", "needs the spreadsheet"));
        }
        try (SpreadsheetPort port = opener.apply(o.connection())) {
            SpreadsheetInfo info = port.getInfo();
            CheckResult access = CheckResult.pass("spreadsheet", "'" + info.title() + "' (" + info.spreadsheetId()
                    + "), " + info.tabs().size() + " tabs, via " + Spreadsheets.describe(o.connection()));
            SheetState state = new SheetReader(port, o.tabs()).readAll();
            Map<String, List<String>> required = new SheetInitializer(port, o.tabs()).requiredColumns();
            return List.of(access, tabs(state, required), clock(state, o.maxSkew()));
        } catch (YtdcException e) {
            return List.of(CheckResult.fail("spreadsheet", e.getMessage()),
                    CheckResult.skip("tabs", "needs the spreadsheet"),
                    CheckResult.skip("clock", "needs the spreadsheet"));
        }
    }

    /** Missing tabs, or a tab without ID/Status/Worker, fail; other missing columns only warn. */
    CheckResult tabs(SheetState state, Map<String, List<String>> required) {
        String name = "tabs";
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!state.missingTabs().isEmpty()) {
            failures.add("missing tabs " + quoted(state.missingTabs()));
        }
        required.forEach((tab, columns) -> state.tab(tab).ifPresent(snap -> {
            // Status reads the Archive tab only up to its Sources column: its other columns cannot be judged here.
            List<String> missing = tab.equals(state.tabs().archive()) ? List.of() : snap.header().missing(columns);
            if (missing.isEmpty()) {
                return;
            }
            // Without ID or Status (Worker for the Workers tab) nothing works; the rest agents add on first use.
            boolean essential = missing.contains(Columns.ID) || missing.contains(Columns.STATUS)
                    || missing.contains(Columns.WORKER);
            (essential ? failures : warnings).add("'" + tab + "' lacks " + String.join(", ", missing));
        }));
        if (!failures.isEmpty()) {
            failures.addAll(warnings);
            return CheckResult.fail(name, String.join("; ", failures) + ". Run 'ytdc init' (with the same "
                    + "connection options) to add them; it keeps existing data");
        }
        if (!warnings.isEmpty()) {
            return CheckResult.warn(name, String.join("; ", warnings) + ". Agents add missing columns on first use; "
                    + "run 'ytdc init' to add them now");
        }
        return CheckResult.pass(name, "all " + required.size() + " tabs have their columns");
    }

    /**
     * Agents stamp HeartbeatAt and LastSeen with their own clock. A stamp ahead of ours means one of the clocks is
     * off; leases are judged across hosts, so a skewed host requeues live work or keeps dead claims too long.
     */
    CheckResult clock(SheetState state, Duration maxSkew) {
        String name = "clock";
        Instant now = clock.instant();
        Instant newest = null;
        String where = "";
        for (String tab : List.of(state.tabs().sources(), state.tabs().videos(), state.tabs().workers())) {
            for (WorkRow r : state.rows(tab)) {
                for (String column : List.of(Columns.HEARTBEAT_AT, Columns.LAST_SEEN)) {
                    Instant t = r.time(column).orElse(null);
                    if (t != null && (newest == null || t.isAfter(newest))) {
                        newest = t;
                        where = column + " in '" + tab + "' row " + r.rowNumber();
                    }
                }
            }
        }
        if (newest == null) {
            return CheckResult.pass(name, "no agent timestamps in the sheet yet to compare with this host's clock");
        }
        Duration ahead = Duration.between(now, newest);
        if (ahead.compareTo(maxSkew) > 0) {
            return CheckResult.warn(name, "the newest agent timestamp (" + where + ", " + Timestamps.format(newest)
                    + ") is " + Humanize.span(ahead) + " ahead of this host's clock (" + Timestamps.format(now)
                    + "): this host's clock is behind or that agent's is ahead, and leases are judged across hosts; "
                    + "enable NTP on every host (timedatectl set-ntp true)");
        }
        return CheckResult.pass(name, "newest agent timestamp (" + where + ") is " + Humanize.ago(Duration.between(newest, now))
                + ", consistent with this host's clock");
    }

    CheckResult ytDlp(Path explicit) {
        ToolReport r = tools.inspectYtDlp(explicit);
        if (!r.usable()) {
            return CheckResult.fail("yt-dlp", String.join("; ", r.problems()));
        }
        String found = "yt-dlp " + r.version() + " at " + r.path() + " (via " + r.foundVia() + ")"
                + (r.age() == null ? "" : ", released " + r.age().toDays() + " days ago");
        return r.problems().isEmpty() ? CheckResult.pass("yt-dlp", found)
                : CheckResult.warn("yt-dlp", found + ": " + String.join("; ", r.problems()));
    }

    CheckResult ffmpeg(Path explicit) {
        ToolReport r = tools.inspectFfmpeg(explicit);
        if (!r.usable()) {
            return CheckResult.warn("ffmpeg", String.join("; ", r.problems()));
        }
        String found = "ffmpeg " + r.version() + " at " + r.path() + " (via " + r.foundVia() + ")";
        return r.problems().isEmpty() ? CheckResult.pass("ffmpeg", found)
                : CheckResult.warn("ffmpeg", found + ": " + String.join("; ", r.problems()));
    }

    CheckResult disk(Path output, long minFree) {
        String name = "disk";
        Path dir = output.toAbsolutePath().normalize();
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return CheckResult.fail(name, "no part of " + dir + " exists; check --output");
        }
        String note = existing.equals(dir) ? "" : " (" + dir + " does not exist yet; agents create it)";
        try {
            long free = Files.getFileStore(existing).getUsableSpace();
            if (free < minFree) {
                return CheckResult.fail(name, "only " + ByteSize.formatWithUnit(free) + " free in " + existing + note
                        + ", below the minimum of " + ByteSize.formatWithUnit(minFree) + "; free some space or point "
                        + "--output at a larger disk");
            }
            return CheckResult.pass(name, ByteSize.formatWithUnit(free) + " free in " + existing + note + " (minimum "
                    + ByteSize.formatWithUnit(minFree) + ")");
        } catch (IOException e) {
            return CheckResult.fail(name, "cannot tell the free space in " + existing + ": " + e.getMessage());
        }
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }
}
