package io.github.ytdc.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules, read from the sources' import lines: no cycles between ytdc's packages, and the Google client
 * only in its adapter ({@code sheets.google}).
 */
class PackageRulesTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.[\\w*]+;", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\b(io\\.github\\.ytdc(?:\\.[a-z]\\w*)*)\\.[A-Z]");

    /** Package to the ytdc packages it uses (imports and fully qualified names). */
    private static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = code(Files.readString(f));
                Matcher p = PACKAGE.matcher(src);
                if (!p.find()) {
                    continue;
                }
                String pkg = p.group(1);
                Set<String> out = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher i = IMPORT.matcher(src);
                while (i.find()) {
                    out.add(i.group(1));
                }
                Matcher q = QUALIFIED.matcher(src);
                while (q.find()) {
                    out.add(q.group(1));
                }
                out.remove(pkg);
            }
        }
        return uses;
    }

    /** The source without comments and string literals: a class named in a Javadoc or a string is no dependency. */
    private static String code(String src) {
        return src.replaceAll("\"(?:\\\\.|[^\"\\\\\n])*\"", "\"\"")
                .replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
    }

    @Test
    void ytdc_packages_form_no_cycle() throws IOException {
        Map<String, Set<String>> g = graph();
        assertTrue(g.size() > 10, "read the sources: " + g.keySet());
        List<List<String>> cycles = stronglyConnected(g).stream().filter(c -> c.size() > 1).toList();
        assertEquals(List.of(), cycles, "packages that depend on each other");
    }

    /**
     * The library's public surface stays small: at most 70 public top-level types (140 when the API was reviewed).
     * A type made public for another package's convenience fails here; hide it behind the package's facade instead.
     */
    @Test
    void at_most_70_public_top_level_types() throws IOException {
        Pattern publicType = Pattern.compile(
                "^public (?:final |abstract |sealed |non-sealed )*(?:class|interface|record|enum|@interface) ",
                Pattern.MULTILINE);
        List<String> pub = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).sorted().toList()) {
                if (publicType.matcher(code(Files.readString(f))).find()) {
                    pub.add(MAIN.relativize(f).toString());
                }
            }
        }
        assertTrue(pub.size() > 10, "read the sources: " + pub);
        assertTrue(pub.size() <= 70, pub.size() + " public types: " + String.join(", ", pub));
    }

    @Test
    void the_google_client_is_used_only_in_its_adapter() throws IOException {
        Map<String, Set<String>> g = graph();
        List<String> offenders = new ArrayList<>();
        g.forEach((pkg, used) -> used.stream()
                .filter(u -> u.startsWith("com.google.api") || u.startsWith("com.google.auth"))
                .filter(u -> !pkg.equals("io.github.ytdc.sheets.google"))
                .forEach(u -> offenders.add(pkg + " -> " + u)));
        assertEquals(List.of(), offenders);
    }

    /** Tarjan's strongly connected components of the ytdc packages. */
    private static List<List<String>> stronglyConnected(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : g.keySet()) {
            if (!index.containsKey(v)) {
                visit(v, g, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void visit(String v, Map<String, Set<String>> g, Map<String, Integer> index,
                              Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                              List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!g.containsKey(w)) {
                continue; // not a ytdc package
            }
            if (!index.containsKey(w)) {
                visit(w, g, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            out.add(component);
        }
    }
}
