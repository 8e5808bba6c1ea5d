package io.github.ytdc.toolchain;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checksum file in {@code sha256sum}'s format, as yt-dlp publishes {@code SHA2-256SUMS} beside its release assets
 * and deno publishes one {@code ASSET.sha256sum} per asset: lines of {@code HEX  NAME} (or {@code HEX *NAME}); a file
 * holding only a digest is accepted for a single asset.
 */
final class Checksums {
    private static final Pattern LINE = Pattern.compile("^([0-9a-fA-F]{64})(?:\\s+\\*?(.+))?$");

    private final Map<String, String> byName;
    private final String lone;

    private Checksums(Map<String, String> byName, String lone) {
        this.byName = byName;
        this.lone = lone;
    }

    static Checksums parse(String text) {
        Map<String, String> byName = new HashMap<>();
        String lone = null;
        for (String raw : text.split("\\R")) {
            Matcher m = LINE.matcher(raw.strip());
            if (!m.matches()) {
                continue;
            }
            String hex = m.group(1).toLowerCase(Locale.ROOT);
            if (m.group(2) == null) {
                lone = hex;
            } else {
                String name = m.group(2).strip();
                byName.put(name.substring(name.lastIndexOf('/') + 1), hex);
            }
        }
        return new Checksums(Map.copyOf(byName), lone);
    }

    /** The SHA-256 listed for {@code asset} (lower-case hex); a file of one bare digest answers for any asset. */
    Optional<String> forAsset(String asset) {
        String hex = byName.get(asset);
        if (hex == null && byName.isEmpty()) {
            hex = lone;
        }
        return Optional.ofNullable(hex);
    }
}
