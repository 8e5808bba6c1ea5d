package io.github.ytdc.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sources file shipped for operators imports cleanly (moved from DeploymentFilesTest with SourceEntry hidden). */
class ExampleSourcesFileTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void the_example_sources_file_imports_without_a_rejected_line() {
        ParsedSources parsed = new SourceFileParser().parse(ROOT.resolve("sources.txt.example"));
        assertEquals(List.of(), parsed.rejected());
        assertEquals(List.of(), parsed.duplicates());
        assertEquals(7, parsed.accepted().size());
        assertEquals(Set.of(SourceKind.CHANNEL, SourceKind.PLAYLIST, SourceKind.VIDEO, SourceKind.OTHER),
                Set.copyOf(parsed.accepted().stream().map(e -> e.url().kind()).toList()));
    }
}
