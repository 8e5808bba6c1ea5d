package io.github.ytdc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A typo in {@code --local} (or a forgotten {@code ytdc init}): every command but {@code init} refuses the missing
 * local spreadsheet in one line naming {@code ytdc init}, and leaves no folder, spreadsheet or lock file behind.
 */
class OnlyInitCreatesTest {
    @TempDir
    static Path dir;

    static Stream<List<String>> commands() throws IOException {
        Path file = Files.writeString(dir.resolve("sources.txt"), "https://www.youtube.com/@one\n");
        return Stream.of(List.of("status"), List.of("status", "--json"), List.of("sources", "add", "@one"),
                List.of("sources", "import", file.toString()), List.of("requeue"), List.of("requeue", "--stalled"),
                List.of("agent", "--simulate", "--exit-when-idle", "--worker-name", "typo"));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void a_command_on_a_folder_without_a_spreadsheet_names_init_and_creates_nothing(List<String> command) {
        Path typo = dir.resolve("ytdc-dta");
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--local", typo.toString()));

        Cli r = Cli.run(args.toArray(String[]::new));

        assertEquals(1, r.exitCode, r.toString());
        assertEquals("ytdc: No local spreadsheet in " + typo.toAbsolutePath() + " (no spreadsheet.json): check --local "
                + "(or YTDC_LOCAL), or run 'ytdc init' to create one.", r.err.strip(), r.toString());
        assertFalse(Files.exists(typo), "nothing created in " + typo);
    }

    @Test
    void a_downloading_agent_refuses_before_it_installs_any_tool() {
        Path typo = dir.resolve("ytdc-dat");
        Path tools = dir.resolve("tools");

        Cli r = Cli.run("agent", "--local", typo.toString(), "--tools-dir", tools.toString(), "--output",
                dir.resolve("downloads").toString());

        assertEquals(1, r.exitCode, r.toString());
        assertEquals("ytdc: No local spreadsheet in " + typo.toAbsolutePath() + " (no spreadsheet.json): check --local "
                + "(or YTDC_LOCAL), or run 'ytdc init' to create one.\n", r.err, r.toString());
        assertFalse(Files.exists(tools), "no tool installed into " + tools);
        assertFalse(Files.exists(typo), "nothing created in " + typo);
        assertFalse(Files.exists(dir.resolve("downloads")), "no output folder");
    }

    @Test
    void a_local_path_that_is_a_file_is_named_as_a_file_and_left_alone() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "my notes\n");

        Cli status = Cli.run("status", "--local", file.toString());
        Cli init = Cli.run("init", "--local", file.toString());

        String line = "ytdc: " + file.toAbsolutePath() + " is a file, not a folder: --local (or YTDC_LOCAL) names the "
                + "folder that holds the local spreadsheet, e.g. ytdc-data\n";
        assertEquals(1, status.exitCode, status.toString());
        assertEquals(line, status.err, status.toString());
        assertEquals(1, init.exitCode, init.toString());
        assertEquals(line, init.err, init.toString());
        assertEquals("my notes\n", Files.readString(file));
    }

    @Test
    void a_damaged_spreadsheet_says_where_without_parser_class_names() throws IOException {
        Path sheet = dir.resolve("damaged");
        assertEquals(0, Cli.run("init", "--local", sheet.toString()).exitCode);
        Files.writeString(sheet.resolve("spreadsheet.json"), "{\"spreadsheetId\": \"local\",\n  \"she");

        Cli r = Cli.run("status", "--local", sheet.toString());

        assertEquals(1, r.exitCode, r.toString());
        assertEquals("ytdc: the local spreadsheet " + sheet.toAbsolutePath().resolve("spreadsheet.json") + " is damaged "
                + "and was left untouched (not valid JSON at line 2, column 7); restore it from a backup, or move it "
                + "away to start a new one\n", r.err, r.toString());
    }

    @Test
    void init_creates_it_and_then_the_same_commands_work() {
        Path sheet = dir.resolve("ytdc-data");

        Cli init = Cli.run("init", "--local", sheet.toString());
        Cli status = Cli.run("status", "--local", sheet.toString());
        Cli add = Cli.run("sources", "add", "@one", "--local", sheet.toString());

        assertEquals(0, init.exitCode, init.toString());
        assertTrue(Files.exists(sheet.resolve("spreadsheet.json")), init.toString());
        assertEquals(0, status.exitCode, status.toString());
        assertEquals(0, add.exitCode, add.toString());
        assertTrue(add.out.startsWith("Added https://www.youtube.com/@one (channel)"), add.toString());
    }
}
