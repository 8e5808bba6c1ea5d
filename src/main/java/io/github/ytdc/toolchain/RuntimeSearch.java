package io.github.ytdc.toolchain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every JavaScript runtime found, in order of preference, and the one yt-dlp will be given.
 *
 * @param chosen the first supported runtime, if any
 * @param found  everything found, supported or not
 */
record RuntimeSearch(Optional<JsRuntime> chosen, List<JsRuntime> found) {
    /** How to get a runtime yt-dlp supports. */
    public static final String HOW_TO_GET_DENO = "run 'ytdc tools install' (deno from its release, or from the npm "
            + "registry with 'npm install deno'), or install deno >= 2.3 (https://deno.land) or node >= 22 yourself "
            + "and pass --js-runtime PATH";

    public RuntimeSearch {
        Objects.requireNonNull(chosen, "chosen");
        found = List.copyOf(found);
    }

    /** One line: what is used, or that nothing usable was found and why each candidate was not. */
    public String summary() {
        if (chosen.isPresent()) {
            return chosen.get().label() + " at " + chosen.get().path() + " (" + chosen.get().foundVia() + ")";
        }
        if (found.isEmpty()) {
            return "no JavaScript runtime found (looked for deno and node)";
        }
        return "no supported JavaScript runtime: found " + found.stream().map(JsRuntime::describe)
                .collect(Collectors.joining("; "));
    }
}
