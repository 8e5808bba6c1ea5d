package io.github.ytdc.toolchain;

import io.github.ytdc.media.ytdlp.Toolchain;
import io.github.ytdc.toolchain.ToolchainSetup.Finding;
import io.github.ytdc.toolchain.ToolchainSetup.YouTubeGap;
import io.github.ytdc.util.Durations;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ytdc doctor}'s toolchain checks: can this host download from YouTube as it is today? yt-dlp must be
 * 2025.11.12 or newer and carry the challenge-solver scripts, a supported JavaScript runtime must be found, and
 * a release older than 30 days is flagged. An optional canary runs a real extraction. Every line names the fix.
 * Reached through {@link ToolchainSetup#diagnose}; the rules on what YouTube needs are {@link
 * ToolchainSetup.Choice#youTubeGap()}'s, shared with the agent's start-up log.
 */
final class ToolchainChecks {
    /** Past this age a yt-dlp release is flagged: YouTube's client versions in it go stale within weeks. */
    static final Duration WARN_AFTER = Duration.ofDays(30);
    static final Duration CANARY_TIMEOUT = Duration.ofMinutes(3);
    static final String INSTALL_FIX = "run 'ytdc tools install' to get a current release";

    private final ToolchainSetup setup;
    private final ManagedTools managed;
    private final Clock clock;
    private final ToolchainSetup.Extras extras;

    ToolchainChecks(ToolchainSetup setup, ManagedTools managed, Clock clock, ToolchainSetup.Extras extras) {
        this.setup = setup;
        this.managed = managed;
        this.clock = clock;
        this.extras = extras;
    }

    List<Finding> run(Path explicitYtDlp, Path explicitRuntime, String canaryUrl) {
        ToolchainSetup.Choice c = setup.choose(explicitYtDlp, explicitRuntime);
        List<Finding> results = new ArrayList<>();
        results.add(ytDlp(c, explicitYtDlp));
        results.add(channel(c, explicitYtDlp));
        results.add(runtime(c));
        if (canaryUrl != null && !canaryUrl.isBlank()) {
            results.add(canary(c, explicitYtDlp, explicitRuntime, canaryUrl));
        }
        return results;
    }

    private Finding ytDlp(ToolchainSetup.Choice c, Path explicit) {
        String name = "yt-dlp";
        if (!c.report().usable()) {
            return Finding.fail(name, String.join("; ", c.report().problems()) + "; or " + INSTALL_FIX);
        }
        String version = c.report().version();
        Optional<YtDlpInfo> info = c.info();
        String found = "yt-dlp " + version + info.map(i -> i.variant().isEmpty() ? "" : " (" + i.variant() + ")").orElse("")
                + " at " + c.report().path() + " (via " + c.report().foundVia() + ")";
        String fix = setup.explicitYtDlp(explicit) ? INSTALL_FIX + " and stop passing --yt-dlp/YTDC_YT_DLP"
                : INSTALL_FIX;
        YouTubeGap gap = c.youTubeGap().orElse(null);
        if (gap == YouTubeGap.PREDATES_JS_CHALLENGES) {
            boolean debian = info.map(i -> i.variant().startsWith("debian")).orElse(false)
                    || c.report().path().startsWith("/usr/bin");
            return Finding.fail(name, found + " predates " + YtDlpRelease.FIRST_WITH_JS_CHALLENGES + " and cannot "
                    + "solve YouTube's JavaScript challenge, so every YouTube video fails ('Requested format is not "
                    + "available')" + (debian ? "; Debian's package cannot be updated with 'yt-dlp -U'" : "")
                    + ". Fix: " + fix);
        }
        if (gap == YouTubeGap.LACKS_EJS) {
            return Finding.fail(name, found + " lacks the challenge-solver scripts (the yt-dlp-ejs package), "
                    + "so YouTube's challenge goes unsolved. Fix: " + INSTALL_FIX + " (release builds bundle them), or "
                    + "pip install -U \"yt-dlp[default]\", or let yt-dlp fetch them: --yt-dlp-arg=--remote-components "
                    + "--yt-dlp-arg=ejs:github");
        }
        LocalDate released = YtDlpRelease.date(version).orElseThrow();
        long days = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toEpochDay() - released.toEpochDay();
        if (days > WARN_AFTER.toDays()) {
            return Finding.warn(name, found + ", released " + days + " days ago: YouTube breaks releases within "
                    + "weeks. Fix: " + (c.report().foundVia().startsWith(ToolchainSetup.VIA_MANAGED)
                    ? "agents update it every " + Durations.format(managed.config().updateInterval())
                    + " (is YTDC_TOOLS_UPDATE off?); run 'ytdc tools install' now" : fix));
        }
        return Finding.pass(name, found + ", released " + days + " days ago, with the challenge-solver scripts");
    }

    private Finding channel(ToolchainSetup.Choice c, Path explicit) {
        String name = "channel";
        String channel = c.info().map(YtDlpInfo::channel).filter(s -> !s.isEmpty()).orElse("unknown");
        if (c.report().foundVia().startsWith(ToolchainSetup.VIA_MANAGED)) {
            String last = managed.lastCheck().map(t -> ", last checked " + Durations.ago(Duration.between(t,
                    clock.instant()))).orElse("");
            String schedule = managed.config().updateInterval().isZero() ? "automatic updates off"
                    : "updated every " + Durations.format(managed.config().updateInterval());
            return Finding.pass(name, channel + ", managed by ytdc in " + managed.config().toolsDir() + " from "
                    + managed.config().ytDlpReleaseUrl() + " (" + schedule + last + ")");
        }
        if (!c.report().usable()) {
            return Finding.skip(name, "needs yt-dlp");
        }
        return Finding.pass(name, channel + ", not managed by ytdc: keep it current yourself, or "
                + (setup.explicitYtDlp(explicit) ? "drop --yt-dlp/YTDC_YT_DLP and " : "") + "run 'ytdc tools install' "
                + "so agents follow the " + managed.config().channel() + " channel");
    }

    private Finding runtime(ToolchainSetup.Choice c) {
        String name = "js-runtime";
        RuntimeSearch r = c.runtime();
        if (r.chosen().isEmpty()) {
            return Finding.fail(name, r.summary() + "; yt-dlp needs one for YouTube since 2025.11.12. Fix: "
                    + RuntimeSearch.HOW_TO_GET_DENO);
        }
        JsRuntime chosen = r.chosen().get();
        Optional<String> seen = c.info().flatMap(YtDlpInfo::jsRuntimes);
        if (seen.isPresent() && seen.get().contains("(unsupported)")) {
            return Finding.fail(name, "yt-dlp calls " + chosen.describe() + " unsupported (" + seen.get()
                    + "). Fix: " + RuntimeSearch.HOW_TO_GET_DENO);
        }
        List<String> others = r.found().stream().filter(f -> !f.path().equals(chosen.path()))
                .map(JsRuntime::describe).toList();
        return Finding.pass(name, r.summary() + ", passed to yt-dlp as --js-runtimes " + chosen.name()
                + seen.map(s -> "; yt-dlp sees: " + s).orElse("")
                + (others.isEmpty() ? "" : "; also found " + String.join("; ", others)));
    }

    private Finding canary(ToolchainSetup.Choice c, Path explicitYtDlp, Path explicitRuntime, String url) {
        String name = "canary";
        if (!c.report().usable()) {
            return Finding.skip(name, "needs yt-dlp");
        }
        Toolchain tools = setup.prepare(explicitYtDlp, null, false, false, new ToolchainSetup.Extras(explicitRuntime,
                extras.poTokenProvider(), extras.pluginDir(), extras.pacing())).toolchain();
        Toolchain.CanaryResult r = tools.canary(url, CANARY_TIMEOUT);
        if (!r.error().isEmpty()) {
            return Finding.fail(name, url + ": " + r.error());
        }
        if (r.toolchainWarning().isPresent()) {
            return Finding.fail(name, url + ": " + r.formats() + " formats, but yt-dlp warned: "
                    + r.toolchainWarning().get() + ". Fix: see the lines above (runtime, yt-dlp), and the README's "
                    + "troubleshooting for PO tokens");
        }
        if (r.maxHeight() <= 360) {
            return Finding.fail(name, url + ": only " + r.formats() + " formats up to " + r.maxHeight() + "p came "
                    + "back, a sign of a degraded toolchain or a throttled host. Fix: the lines above, then the "
                    + "README's troubleshooting (PO tokens, cookies)");
        }
        return Finding.pass(name, url + ": " + r.formats() + " formats up to " + r.maxHeight()
                + "p, no challenge warnings");
    }
}
