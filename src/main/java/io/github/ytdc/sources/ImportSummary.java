package io.github.ytdc.sources;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one-line outcome of an import, for people: {@code added 12, skipped 3 duplicates, rejected 2: line 4: ...,
 * line 9: ...}.
 *
 * @param added      sources written to the sheet
 * @param duplicates lines skipped because their source was already known
 * @param rejected   lines that were not valid sources
 */
public record ImportSummary(int added, int duplicates, List<RejectedLine> rejected) {
    /** How many rejected lines {@link #render()} spells out before summarising the rest. */
    static final int MAX_LISTED_REJECTIONS = 10;

    public ImportSummary {
        rejected = List.copyOf(rejected);
    }

    /** The summary of importing every accepted entry of {@code parsed}. */
    static ImportSummary of(ParsedSources parsed) {
        return new ImportSummary(parsed.accepted().size(), parsed.duplicates().size(), parsed.rejected());
    }

    /** Whether any line was rejected (a caller may want a non-zero exit code). */
    public boolean hasRejections() {
        return !rejected.isEmpty();
    }

    /** The summary line. */
    public String render() {
        StringBuilder out = new StringBuilder("added ").append(added)
                .append(", skipped ").append(duplicates).append(duplicates == 1 ? " duplicate" : " duplicates")
                .append(", rejected ").append(rejected.size());
        if (!rejected.isEmpty()) {
            out.append(": ").append(rejected.stream()
                    .limit(MAX_LISTED_REJECTIONS)
                    .map(RejectedLine::toString)
                    .collect(Collectors.joining(", ")));
            if (rejected.size() > MAX_LISTED_REJECTIONS) {
                out.append(", and ").append(rejected.size() - MAX_LISTED_REJECTIONS).append(" more");
            }
        }
        return out.toString();
    }
}
