package io.github.ytdc.media.ytdlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The post-download command, as an argument list run without a shell. Placeholders are replaced inside each
 * argument, so a title with spaces, quotes or {@code $(...)} stays one literal argument. Pure.
 */
final class ExecHook {
    /** The placeholders a hook argument may contain. */
    static final Set<String> PLACEHOLDERS = Set.of("file", "id", "url", "title", "source");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

    private ExecHook() {}

    /** Rejects placeholders nobody fills, so a typo fails at start-up rather than after every download. */
    static void validate(List<String> argv) {
        if (argv.isEmpty()) {
            return;
        }
        if (argv.get(0).isBlank()) {
            throw new IllegalArgumentException("the exec hook's program (first argument) is blank");
        }
        for (String arg : argv) {
            Matcher m = PLACEHOLDER.matcher(arg);
            while (m.find()) {
                if (!PLACEHOLDERS.contains(m.group(1))) {
                    throw new IllegalArgumentException("unknown placeholder {" + m.group(1) + "} in exec hook argument '"
                            + arg + "'; use {file} {id} {url} {title} {source}");
                }
            }
        }
    }

    /** The command line with every placeholder replaced by its value. */
    static List<String> render(List<String> argv, Map<String, String> values) {
        List<String> out = new ArrayList<>(argv.size());
        for (String arg : argv) {
            Matcher m = PLACEHOLDER.matcher(arg);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String v = PLACEHOLDERS.contains(m.group(1)) ? values.getOrDefault(m.group(1), "") : m.group();
                m.appendReplacement(sb, Matcher.quoteReplacement(v));
            }
            m.appendTail(sb);
            out.add(sb.toString());
        }
        return out;
    }
}
