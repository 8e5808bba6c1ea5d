package io.github.ytdc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The ytdc version, read from the resource Maven filters at build time. */
public final class Version {
    private static final String VERSION = load();

    private Version() {}

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}; {@code dev} when run from an unfiltered tree. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/ytdc-version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
