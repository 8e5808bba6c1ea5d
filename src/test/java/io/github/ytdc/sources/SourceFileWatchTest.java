package io.github.ytdc.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFileWatchTest {
    @TempDir
    Path dir;

    @Test
    void content_is_offered_until_imported_and_again_only_when_it_changes() throws IOException {
        Path file = dir.resolve("sources.txt");
        Files.writeString(file, "@speakerone|british|podcast\n");
        SourceFileWatch watch = new SourceFileWatch(file, new SourceFileParser());

        SourceFileWatch.Change first = watch.changed().orElseThrow();
        assertEquals(1, first.sources().accepted().size());
        assertTrue(watch.changed().isPresent(), "not imported yet (say the sheet was unreachable): offered again");

        watch.imported(first);
        assertEquals(Optional.empty(), watch.changed());
        Files.writeString(file, "@speakerone|british|podcast\n");
        assertEquals(Optional.empty(), watch.changed(), "rewritten with the same content");

        Files.writeString(file, "@speakerone|british|podcast\n@speakertwo\n");
        assertEquals(2, watch.changed().orElseThrow().sources().accepted().size());
    }

    @Test
    void a_missing_or_unusable_file_is_no_change_and_the_watch_recovers_when_it_is_fixed() throws IOException {
        Path file = dir.resolve("sources.csv");
        SourceFileWatch watch = new SourceFileWatch(file, new SourceFileParser());
        assertEquals(Optional.empty(), watch.changed());

        Files.writeString(file, "link,Accent\n@speakerone,x\n");
        assertEquals(Optional.empty(), watch.changed(), "no url column: not importable");

        Files.writeString(file, "url,Accent\n@speakerone,x\n");
        assertEquals("x", watch.changed().orElseThrow().sources().accepted().get(0).columns().get("Accent"));
    }
}
