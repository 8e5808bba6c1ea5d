package io.github.ytdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a new user does: a fresh project depends on the library artifact, brings its own {@code logback.xml}, and
 * pastes the README's example. Run by failsafe in {@code mvn verify}, after {@code package} built the jars.
 *
 * <p>No nested Maven build: the fresh project (its own folder, with {@code src/main/java} and
 * {@code src/main/resources/logback.xml}) is compiled with {@code javax.tools} and run with {@code java}, on the
 * classpath a dependent project gets: the packaged library jar {@code target/ytdc-VERSION.jar} (never
 * {@code target/classes}, so what is tested is what {@code mvn install} installs) and the outer build's dependency
 * jars (this test's classpath minus this project's own classes and test classes, whose {@code logback-test.xml}
 * would otherwise win). The pom's part (Logback optional, the README's coordinates) is checked on the pom itself.
 *
 * <p>The harness knows nothing of the example's content: it compiles the {@code <!-- example:local -->} block of
 * README.md unchanged, runs its main class in the project's folder, and checks that every line logged is in the
 * application's format, that Logback reported no problem, and that the run worked off a local spreadsheet there.
 */
class ReadmeExampleIT {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
    /** The application's own log format: any line the run logs must be in it. */
    private static final String APP_PREFIX = "APP|";
    private static final String APP_LOGBACK_XML = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>APP|%logger|%msg%n</pattern></encoder>
              </appender>
              <logger name="io.github.ytdc" level="INFO"/>
              <root level="INFO"><appender-ref ref="OUT"/></root>
            </configuration>
            """;
    /** Logging configuration files a library jar must not carry (it would fight the application's own). */
    private static final List<String> LOGGING_CONFIG = List.of("logback.xml", "logback-test.xml", "logback.groovy",
            "log4j2.xml", "log4j.properties", "log4j.xml", "simplelogger.properties", "logging.properties",
            "commons-logging.properties");

    @TempDir
    Path tmp;

    private static String property(String name) {
        String value = System.getProperty(name);
        assertNotNull(value, "system property " + name + " (set by failsafe in pom.xml)");
        return value;
    }

    private static Path path(String name) {
        return Path.of(property(name)).toAbsolutePath().normalize();
    }

    @Test
    void the_library_jar_carries_no_logging_configuration_and_the_runnable_jar_keeps_its_own() throws IOException {
        for (Path jar : List.of(path("ytdc.it.jar"), path("ytdc.it.sourcesJar"))) {
            try (JarFile j = new JarFile(jar.toFile())) {
                List<String> leaks = j.stream().map(e -> e.getName())
                        .filter(n -> LOGGING_CONFIG.contains(n) || n.startsWith("META-INF/services/"))
                        .toList();
                assertEquals(List.of(), leaks, jar + " must force no logging configuration or service on its users");
            }
        }
        try (JarFile agent = new JarFile(path("ytdc.it.agentJar").toFile())) {
            assertNotNull(agent.getEntry("logback.xml"), "target/ytdc.jar keeps the agent's logback.xml");
        }
    }

    @Test
    void the_artifact_ships_sources_and_javadoc() throws IOException {
        try (JarFile sources = new JarFile(path("ytdc.it.sourcesJar").toFile())) {
            assertTrue(sources.stream().anyMatch(e -> e.getName().endsWith(".java")), "sources jar has sources");
        }
        try (JarFile javadoc = new JarFile(path("ytdc.it.javadocJar").toFile())) {
            assertNotNull(javadoc.getEntry("index.html"), "javadoc jar has the generated docs");
        }
    }

    /** What a dependent project resolves from the pom: Logback stays out, and the README names this artifact. */
    @Test
    void the_pom_keeps_logback_optional_and_the_readme_names_this_artifact() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(path("ytdc.it.pom").toFile());
        NodeList dependencies = pom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element d = (Element) dependencies.item(i);
            if (text(d, "groupId").equals("ch.qos.logback")) {
                assertTrue(text(d, "optional").equals("true") || text(d, "scope").equals("test"),
                        "a library user chooses the SLF4J backend: " + text(d, "artifactId") + " must be optional");
            }
        }

        String snippet = codeBlock(Files.readString(path("ytdc.it.readme")), "maven", "xml");
        for (String coordinate : List.of("groupId", "artifactId", "version")) {
            String tag = "<" + coordinate + ">" + property("ytdc.it." + coordinate) + "</" + coordinate + ">";
            assertTrue(snippet.contains(tag), "the README's dependency snippet has " + tag + ":\n" + snippet);
        }
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagName(child);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    @Test
    void the_readme_example_compiles_against_the_library_jar_and_logs_in_the_application_s_format() throws Exception {
        String example = codeBlock(Files.readString(path("ytdc.it.readme")), "local", "java");
        Path project = tmp.resolve("app");
        Path source = writeProject(project, example);
        String classpath = dependencyClasspath();

        Path classes = Files.createDirectories(project.resolve("target/classes"));
        compile(source, classes, classpath, example);
        // what the resources phase does: the application's logback.xml next to its classes
        Files.copy(project.resolve("src/main/resources/logback.xml"), classes.resolve("logback.xml"));

        String out = run(project, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes + File.pathSeparator + classpath, mainClass(example)));

        assertFalse(out.contains("occurs multiple times"), "only the application's logback.xml is on the classpath:\n"
                + out);
        assertFalse(out.contains("|-WARN") || out.contains("|-ERROR"), "Logback reports no problem:\n" + out);
        List<String> foreign = out.lines().filter(l -> !l.isBlank() && !l.startsWith(APP_PREFIX)).toList();
        assertEquals(List.of(), foreign, "every line is in the application's own format:\n" + out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith(APP_PREFIX + "io.github.ytdc.")),
                "the library logs through the application's configuration:\n" + out);

        assertLocalSpreadsheetWorkedOff(project, out);
    }

    /**
     * The library jar, then every entry of this test's classpath except this project's own classes (the jar
     * replaces them) and test classes: the library's dependencies (Logback among them, as the application brings it)
     * and the test-only jars (JUnit, Mockito), which the example does not use.
     */
    private static String dependencyClasspath() {
        Path jar = path("ytdc.it.jar");
        List<Path> own = List.of(jar, path("ytdc.it.classes"), path("ytdc.it.testClasses"));
        List<String> entries = new ArrayList<>();
        entries.add(jar.toString());
        boolean sawLogback = false;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry).toAbsolutePath().normalize();
            if (own.contains(p)) {
                continue;
            }
            assertFalse(p.getFileName().toString().startsWith("ytdc-"), "a second copy of the library: " + p);
            sawLogback |= p.getFileName().toString().startsWith("logback-classic-");
            entries.add(p.toString());
        }
        assertTrue(sawLogback, "logback-classic is on the test classpath (an optional dependency of the build): "
                + entries);
        return String.join(File.pathSeparator, entries);
    }

    private static void compile(Path source, Path classes, String classpath, String example) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK runs the tests");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int exit = javac.run(null, diagnostics, diagnostics,
                "--release", "17", "-encoding", "UTF-8", "-proc:none",
                "-cp", classpath, "-d", classes.toString(), source.toString());
        assertEquals(0, exit, "the README example must compile unchanged against the library jar:\n" + example
                + "\n--- javac ---\n" + diagnostics.toString(StandardCharsets.UTF_8));
    }

    /** The run used local mode in its working folder, and left every task there done (or dead-lettered). */
    private static void assertLocalSpreadsheetWorkedOff(Path project, String out) throws IOException {
        List<Path> sheets;
        try (Stream<Path> files = Files.walk(project)) {
            sheets = files.filter(p -> p.getFileName().toString().equals("spreadsheet.json"))
                    .filter(p -> !p.startsWith(project.resolve("target")))
                    .toList();
        }
        assertEquals(1, sheets.size(), "the example uses one local spreadsheet in its working folder; found "
                + sheets + "\n" + out);
        // Read through local mode itself: the folder holds a snapshot plus an operation log of later changes.
        int done = 0;
        List<String> open = new ArrayList<>();
        try (io.github.ytdc.sheets.local.LocalSpreadsheetPort port =
                     io.github.ytdc.sheets.local.LocalSpreadsheetPort.open(sheets.get(0).getParent())) {
            for (String tab : List.of("Sources", "Video Tasks")) {
                for (io.github.ytdc.coord.WorkRow r : io.github.ytdc.testing.Sheet.rowsOf(port, tab)) {
                    String value = r.get("Status");
                    if (value.equals("done")) {
                        done++;
                    } else if (value.equals("pending") || value.equals("in-progress")) {
                        open.add(tab + " row " + r.rowNumber() + ": " + value);
                    }
                }
            }
        }
        assertTrue(done >= 2, "the example processed a couple of tasks (" + done + " rows done):\n" + out);
        assertEquals(List.of(), open, "the example ran until the queue was empty");
    }

    private static int indexOf(JsonNode header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (name.equals(header.get(i).asText())) {
                return i;
            }
        }
        return -1;
    }

    /** The fenced code block between {@code <!-- example:NAME -->} and {@code <!-- /example:NAME -->}. */
    static String codeBlock(String markdown, String name, String language) {
        String open = "<!-- example:" + name + " -->";
        String close = "<!-- /example:" + name + " -->";
        int start = markdown.indexOf(open);
        int end = markdown.indexOf(close, start + 1);
        assertTrue(start >= 0 && end > start, "README.md has a block marked " + open + " ... " + close);
        String marked = markdown.substring(start + open.length(), end);
        Matcher m = Pattern.compile("(?s)```" + language + "\\n(.*?)\\n```").matcher(marked);
        assertTrue(m.find(), "the " + open + " block holds a ```" + language + " code block");
        return m.group(1) + "\n";
    }

    private static Matcher match(String regex, String example) {
        Matcher m = Pattern.compile(regex).matcher(example);
        return m.find() ? m : null;
    }

    /** The example's fully qualified main class. */
    private static String mainClass(String example) {
        Matcher pkg = match("(?m)^package\\s+([\\w.]+)\\s*;", example);
        Matcher cls = match("(?m)^public\\s+(?:final\\s+)?class\\s+(\\w+)", example);
        assertNotNull(cls, "the example is a complete public class:\n" + example);
        return pkg == null ? cls.group(1) : pkg.group(1) + "." + cls.group(1);
    }

    /** Writes the fresh project's sources (the example, unchanged) and its logback.xml; returns the source file. */
    private static Path writeProject(Path dir, String example) throws IOException {
        String mainClass = mainClass(example);
        Path source = dir.resolve("src/main/java").resolve(mainClass.replace('.', '/') + ".java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, example);
        Path resources = Files.createDirectories(dir.resolve("src/main/resources"));
        Files.writeString(resources.resolve("logback.xml"), APP_LOGBACK_XML);
        return source;
    }

    /** Runs {@code command} in {@code dir}; returns its output (stdout and stderr) after it exits with 0. */
    private String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(tmp, "run", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            fail("timed out after " + RUN_TIMEOUT + ": " + String.join(" ", command) + "\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "the example exits normally; its output:\n" + out);
        return out;
    }
}
