package io.github.ytdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user does: a fresh Maven project depends on the artifact this build installs, brings its own
 * {@code logback.xml}, and pastes the README's example. Run by failsafe in {@code mvn verify}, after {@code package}.
 *
 * <p>The artifact (jar, pom, sources, Javadoc) is laid into a temporary local repository exactly where
 * {@code mvn install} would put it, and the fresh project is built by a nested {@code mvn} whose settings use that
 * temporary repository and resolve everything else (dependencies, plugins) from the outer build's local repository,
 * mirrored as a {@code file:} repository: no network, and nothing is written to the outer repository. The nested
 * build uses the plugin versions of this build (properties in pom.xml), so the outer build has resolved them.
 *
 * <p>The harness knows nothing of the example's content: it compiles the {@code <!-- example:local -->} block of
 * README.md unchanged, with the {@code <!-- example:maven -->} block as the project's dependency, runs its main class
 * in the project's folder, and checks the output and the local spreadsheet the run left there.
 */
@Tag("slow") // a nested Maven build and a run of the example, about 30 s
class ReadmeExampleIT {
    private static final Duration MAVEN_TIMEOUT = Duration.ofMinutes(5);
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
        return Path.of(property(name));
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

    @Test
    void the_readme_example_compiles_against_the_installed_artifact_and_logs_in_the_application_s_format()
            throws Exception {
        String readme = Files.readString(path("ytdc.it.readme"));
        String example = codeBlock(readme, "local", "java");
        String dependency = codeBlock(readme, "maven", "xml");
        Path repo = install(tmp.resolve("repo"));
        Path settings = settings(tmp.resolve("settings.xml"), repo);
        Path project = tmp.resolve("app");
        String mainClass = project(project, example, dependency);

        // jar:jar by its full name: no plugin-prefix look-up in repository metadata
        Result build = run(project, MAVEN_TIMEOUT, List.of(maven(), "-B", "-q", "-s", settings.toString(), "compile",
                "org.apache.maven.plugins:maven-jar-plugin:" + property("ytdc.it.jarPluginVersion") + ":jar"));
        assertEquals(0, build.exitCode, "the README example must compile unchanged against the installed artifact:\n"
                + example + "\n--- mvn output ---\n" + build.output);

        String classpath = project.resolve("target/classes") + File.pathSeparator + runtimeClasspath(project, repo);
        Result app = run(project, RUN_TIMEOUT, List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath, mainClass));
        String out = app.output;
        assertEquals(0, app.exitCode, "the example exits normally; its output:\n" + out);

        assertFalse(out.contains("occurs multiple times"), "only the application's logback.xml is on the classpath:\n"
                + out);
        assertFalse(out.contains("|-WARN") || out.contains("|-ERROR"), "Logback reports no problem:\n" + out);
        List<String> foreign = out.lines().filter(l -> !l.isBlank() && !l.startsWith(APP_PREFIX)).toList();
        assertEquals(List.of(), foreign, "every line is in the application's own format:\n" + out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith(APP_PREFIX + "io.github.ytdc.")),
                "the library logs through the application's configuration:\n" + out);

        assertLocalSpreadsheetWorkedOff(project, out);
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
        JsonNode root = new ObjectMapper().readTree(sheets.get(0).toFile());
        int done = 0;
        List<String> open = new ArrayList<>();
        for (JsonNode tab : root.path("sheets")) {
            JsonNode rows = tab.path("rows");
            if (rows.size() == 0) {
                continue;
            }
            int status = indexOf(rows.get(0), "Status");
            if (status < 0) {
                continue;
            }
            for (int i = 1; i < rows.size(); i++) {
                String value = rows.get(i).path(status).asText("");
                if (value.equals("done")) {
                    done++;
                } else if (value.equals("pending") || value.equals("in-progress")) {
                    open.add(tab.path("properties").path("title").asText() + " row " + (i + 1) + ": " + value);
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

    /** Lays the built artifact out the way {@code mvn install} does, in a fresh local repository. */
    private static Path install(Path repo) throws IOException {
        String artifactId = property("ytdc.it.artifactId");
        String version = property("ytdc.it.version");
        Path dir = repo.resolve(property("ytdc.it.groupId").replace('.', '/')).resolve(artifactId).resolve(version);
        Files.createDirectories(dir);
        String base = artifactId + "-" + version;
        Files.copy(path("ytdc.it.pom"), dir.resolve(base + ".pom"));
        Files.copy(path("ytdc.it.jar"), dir.resolve(base + ".jar"));
        Files.copy(path("ytdc.it.sourcesJar"), dir.resolve(base + "-sources.jar"));
        Files.copy(path("ytdc.it.javadocJar"), dir.resolve(base + "-javadoc.jar"));
        return repo;
    }

    /** Settings for the nested build: its own local repository, everything else from the outer build's. */
    private static Path settings(Path file, Path repo) throws IOException {
        String outer = path("ytdc.it.outerRepository").toUri().toString();
        Files.writeString(file, """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors>
                    <mirror>
                      <id>outer-build-local-repository</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(repo, outer));
        return file;
    }

    /** Writes the fresh project; returns the example's main class. */
    private static String project(Path dir, String example, String dependency) throws IOException {
        Matcher pkg = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;").matcher(example);
        Matcher cls = Pattern.compile("(?m)^public\\s+(?:final\\s+)?class\\s+(\\w+)").matcher(example);
        assertTrue(cls.find(), "the example is a complete public class:\n" + example);
        String packageName = pkg.find() ? pkg.group(1) : "";
        Path sources = dir.resolve("src/main/java").resolve(packageName.replace('.', '/'));
        Files.createDirectories(sources);
        Files.writeString(sources.resolve(cls.group(1) + ".java"), example);
        Path resources = Files.createDirectories(dir.resolve("src/main/resources"));
        Files.writeString(resources.resolve("logback.xml"), APP_LOGBACK_XML);
        Files.writeString(dir.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>readme-example</artifactId>
                  <version>1</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                %s
                    <dependency>
                      <groupId>ch.qos.logback</groupId>
                      <artifactId>logback-classic</artifactId>
                      <version>%s</version>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                      <plugin>
                        <!-- the manifest lists the resolved runtime classpath, which the test then runs with -->
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-jar-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <archive>
                            <manifest>
                              <addClasspath>true</addClasspath>
                              <classpathLayoutType>repository</classpathLayoutType>
                              <useUniqueVersions>false</useUniqueVersions>
                            </manifest>
                          </archive>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(dependency, property("ytdc.it.logbackVersion"),
                property("ytdc.it.compilerPluginVersion"), property("ytdc.it.jarPluginVersion")));
        return packageName.isEmpty() ? cls.group(1) : packageName + "." + cls.group(1);
    }

    /** The runtime classpath Maven resolved for the project (its jar's manifest), as files in {@code repo}. */
    private static String runtimeClasspath(Path project, Path repo) throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(project.resolve("target"))) {
            jar = files.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        Manifest manifest;
        try (JarFile j = new JarFile(jar.toFile())) {
            manifest = j.getManifest();
        }
        String entries = manifest.getMainAttributes().getValue("Class-Path");
        assertNotNull(entries, "the project's jar lists its classpath");
        return Stream.of(entries.trim().split("\\s+"))
                .map(repo::resolve)
                .peek(p -> assertTrue(Files.isRegularFile(p), "resolved dependency " + p))
                .map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String maven() {
        Path mvn = Path.of(property("ytdc.it.mavenHome"), "bin", "mvn");
        return Files.isExecutable(mvn) ? mvn.toString() : "mvn";
    }

    private record Result(int exitCode, String output) {}

    private Result run(Path dir, Duration timeout, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(tmp, "run", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            fail("timed out after " + timeout + ": " + String.join(" ", command) + "\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
