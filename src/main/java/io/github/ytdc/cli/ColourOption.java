package io.github.ytdc.cli;

import picocli.CommandLine.Option;

/** {@code --color=auto|always|never}: ANSI colour only on a terminal by default, and never with {@code NO_COLOR}. */
final class ColourOption {
    @Option(names = {"--color", "--colour"}, paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour the output: auto (only on a terminal, not with NO_COLOR set), always or never "
                    + "(default: ${DEFAULT-VALUE}).")
    String when;

    /** Whether to print colour codes. */
    public boolean enabled() {
        return switch (when.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "always" -> true;
            case "never" -> false;
            case "auto" -> System.console() != null && System.getenv("NO_COLOR") == null
                    && !"dumb".equals(System.getenv("TERM"));
            default -> throw new IllegalArgumentException("--color must be auto, always or never, not '" + when + "'");
        };
    }
}
