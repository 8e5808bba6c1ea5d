package io.github.ytdc.sources;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a sources file holds: the entries to import, the lines skipped as duplicates and the lines rejected,
 * each with its line number.
 *
 * @param format     the format the file was read as
 * @param accepted   valid, distinct sources in file order
 * @param duplicates lines naming a source seen earlier in the file (or, after matching the sheet, already known)
 * @param rejected   lines that are not valid sources, with the reason
 * @param notes      what was read other than a person might expect (columns ytdc writes itself, left out; a video
 *                   link that also names a playlist), one sentence each
 */
record ParsedSources(SourceFormat format, List<SourceEntry> accepted, List<DuplicateLine> duplicates,
                     List<RejectedLine> rejected, List<String> notes) {

    public ParsedSources {
        accepted = List.copyOf(accepted);
        duplicates = List.copyOf(duplicates);
        rejected = List.copyOf(rejected);
        notes = List.copyOf(notes);
    }

    /**
     * The same result with every entry whose source is among {@code existingUrls} (e.g. the Sources tab's URL
     * column, typed by hand or by the Python tool) moved to {@link #duplicates}.
     */
    ParsedSources excluding(Collection<String> existingUrls) {
        Set<String> existing = existingUrls.stream().map(SourceUrl::keyOf).collect(Collectors.toSet());
        List<SourceEntry> kept = new ArrayList<>();
        List<DuplicateLine> skipped = new ArrayList<>(duplicates);
        for (SourceEntry e : accepted) {
            if (existing.contains(e.url().key())) {
                skipped.add(new DuplicateLine(e.line(), e.url(), "already in the sheet"));
            } else {
                kept.add(e);
            }
        }
        skipped.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return new ParsedSources(format, kept, skipped, rejected, notes);
    }
}
