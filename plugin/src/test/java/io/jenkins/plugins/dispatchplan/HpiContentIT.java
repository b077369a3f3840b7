package io.jenkins.plugins.dispatchplan;

import io.jenkins.plugins.dispatchplan.config.DispatchPlanConfiguration;
import io.jenkins.plugins.dispatchplan.config.CommandWorker;
import io.jenkins.plugins.dispatchplan.config.ClaudeWorker;
import io.jenkins.plugins.dispatchplan.steps.ReadPlanStep;
import io.jenkins.plugins.dispatchplan.steps.IntegrateWorkstreamsStep;
import io.jenkins.plugins.dispatchplan.steps.WaitForWorkstreamStep;
import io.jenkins.plugins.dispatchplan.steps.PrepareWorkstreamStep;
import io.jenkins.plugins.dispatchplan.steps.ReportWorkstreamStep;
import io.jenkins.plugins.dispatchplan.steps.CollectWorkstreamStep;
import io.jenkins.plugins.dispatchplan.steps.RecordVerificationStep;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the built {@code target/dispatch-plan.hpi} the way Jenkins reads it. Runs after {@code package}
 * (failsafe), so it is part of {@code mvn verify} and {@code mvn install}.
 */
class HpiContentIT {
    static final String PLUGIN_JAR = "WEB-INF/lib/dispatch-plan.jar";

    /** The minimum versions measured in Jenkins 2.528.3 (DESIGN section 6), in manifest order. */
    static final Map<String, String> EXPECTED_DEPENDENCIES = new LinkedHashMap<>();

    static {
        EXPECTED_DEPENDENCIES.put("workflow-step-api", "710.v3e456cc85233");
        EXPECTED_DEPENDENCIES.put("workflow-api", "1384.vdc05a_48f535f");
        EXPECTED_DEPENDENCIES.put("workflow-cps", "4252.v465f588eb_52f");
        EXPECTED_DEPENDENCIES.put("workflow-support", "1010.vb_b_39488a_9841");
        EXPECTED_DEPENDENCIES.put("workflow-job", "1559.va_a_533730b_ea_d");
        EXPECTED_DEPENDENCIES.put("workflow-basic-steps", "1098.v808b_fd7f8cf4");
        EXPECTED_DEPENDENCIES.put("workflow-durable-task-step", "1464.v2d3f5c68f84c");
        EXPECTED_DEPENDENCIES.put("pipeline-stage-step", "322.vecffa_99f371c");
        EXPECTED_DEPENDENCIES.put("script-security", "1385.v7d2d9ec4d909");
        EXPECTED_DEPENDENCIES.put("structs", "362.va_b_695ef4fdf9");
        EXPECTED_DEPENDENCIES.put("git-client", "6.5.0");
        EXPECTED_DEPENDENCIES.put("jackson2-api", "2.20.1-423.v13951f6b_6532");
        EXPECTED_DEPENDENCIES.put("credentials", "1480.v2246fd131e83");
        EXPECTED_DEPENDENCIES.put("credentials-binding", "702.vfe613e537e88");
        // The Secret text credential the run's API key is looked up as; the version credentials-binding 702 requires.
        EXPECTED_DEPENDENCIES.put("plain-credentials", "199.v9f8e1f741799");
        EXPECTED_DEPENDENCIES.put("pipeline-model-definition", "2.2277.v00573e73ddf1;resolution:=optional");
    }

    /** Packages Jenkins core and the Pipeline plugins own: none of them may be bundled. */
    static final List<String> JENKINS_PACKAGES = List.of("hudson/", "jenkins/", "org/jenkinsci/", "org/kohsuke/",
            "org/jvnet/", "net/java/sezpoz/", "groovy/", "org/codehaus/groovy/", "io/jenkins/plugins/dispatchplan/stubs/",
            "com/cloudbees/", "org/eclipse/jgit/");

    static Path hpi;
    static Path pluginJar;
    static Path lib;

    @BeforeAll
    static void unpack(@TempDir Path dir) throws IOException {
        hpi = Path.of(System.getProperty("hpi.file", "target/dispatch-plan.hpi"));
        assertThat(hpi).as("the .hpi built by mvn package").exists();
        lib = dir.resolve("lib");
        Files.createDirectories(lib);
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                if (e.getName().startsWith("WEB-INF/lib/") && e.getName().endsWith(".jar")) {
                    Path target = lib.resolve(e.getName().substring("WEB-INF/lib/".length()));
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
        pluginJar = lib.resolve("dispatch-plan.jar");
    }

    @Test
    void outerAndInnerManifestsNameThePluginAndItsDependencies() throws IOException {
        Manifest outer;
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            outer = new Manifest(zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF")));
        }
        Manifest inner;
        try (JarInputStream in = new JarInputStream(Files.newInputStream(pluginJar))) {
            inner = in.getManifest();
        }
        for (Manifest m : List.of(outer, inner)) {
            Attributes a = m.getMainAttributes();
            assertThat(a.getValue("Short-Name")).isEqualTo("dispatch-plan");
            assertThat(a.getValue("Long-Name")).isEqualTo("Dispatch Plan");
            assertThat(a.getValue("Plugin-Version")).isEqualTo(a.getValue("Implementation-Version")).isNotBlank();
            assertThat(a.getValue("Jenkins-Version")).isEqualTo("2.528.3");
            assertThat(a.getValue("Url")).startsWith("https://");
            assertThat(a.getValue("Group-Id")).isEqualTo("io.jenkins.plugins");
            assertThat(a.getValue("Artifact-Id")).isEqualTo("dispatch-plan");
            Map<String, String> deps = new LinkedHashMap<>();
            for (String dep : a.getValue("Plugin-Dependencies").split(",")) {
                int colon = dep.indexOf(':');
                deps.put(dep.substring(0, colon), dep.substring(colon + 1));
            }
            assertThat(deps).containsExactlyEntriesOf(EXPECTED_DEPENDENCIES);
        }
    }

    @Test
    void extensionIndexListsEveryExtensionClass() throws Exception {
        Set<String> indexed = new TreeSet<>();
        try (URLClassLoader onlyThePlugin = new URLClassLoader(new URL[] {pluginJar.toUri().toURL()}, null)) {
            for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, onlyThePlugin)) {
                indexed.add(item.className());
            }
        }
        Set<String> annotated = classesInPluginJar().stream()
                .filter(c -> c.isAnnotationPresent(Extension.class))
                .map(Class::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(annotated).contains(DispatchPlanDSL.class.getName(), DispatchPlanDSL.Allowlist.class.getName(),
                DispatchPlanConfiguration.class.getName(), ClaudeWorker.DescriptorImpl.class.getName(),
                ReadPlanStep.DescriptorImpl.class.getName(), WaitForWorkstreamStep.DescriptorImpl.class.getName(),
                ReportWorkstreamStep.DescriptorImpl.class.getName(), PrepareWorkstreamStep.DescriptorImpl.class.getName(),
                CollectWorkstreamStep.DescriptorImpl.class.getName(), IntegrateWorkstreamsStep.DescriptorImpl.class.getName(),
                RecordVerificationStep.DescriptorImpl.class.getName());
        assertThat(indexed).isEqualTo(annotated);
    }

    @Test
    void symbolIndexListsEverySymbolClass() throws Exception {
        String index = entryText(pluginJar, "META-INF/annotations/org.jenkinsci.Symbol");
        Set<String> indexed = new TreeSet<>(index.lines().filter(l -> !l.isBlank()).toList());
        Set<String> annotated = classesInPluginJar().stream()
                .filter(c -> c.isAnnotationPresent(Symbol.class))
                .map(Class::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(annotated).contains(ClaudeWorker.DescriptorImpl.class.getName(), CommandWorker.DescriptorImpl.class.getName(),
                DispatchPlanConfiguration.class.getName());
        assertThat(indexed).isEqualTo(annotated);
    }

    @Test
    void bundlesExactlyTheRuntimeLibrariesAndNothingJenkinsProvides() throws IOException {
        Set<String> expected = new TreeSet<>();
        expected.add("dispatch-plan.jar");
        for (String line : Files.readAllLines(Path.of(System.getProperty("bundled.list", "target/bundled-dependencies.txt")))) {
            String[] parts = line.trim().split(":");
            if (parts.length >= 4 && !line.contains("The following files have been resolved")) {
                expected.add(parts[1] + ".jar");
            }
        }
        Set<String> bundled = jarNames();
        assertThat(bundled).isEqualTo(expected);
        assertThat(bundled).contains("dispatch-plan-core.jar", "commonmark.jar");
        assertThat(bundled).noneMatch(n -> n.startsWith("jackson") || n.startsWith("snakeyaml"))
                .noneMatch(n -> n.contains("stubs") || n.startsWith("groovy") || n.startsWith("sezpoz") || n.contains("jgit"));
        for (String jar : bundled) {
            for (String entry : entries(lib.resolve(jar))) {
                assertThat(entry).as(jar).doesNotStartWith("com/fasterxml/").doesNotStartWith("org/yaml/");
                for (String jenkins : JENKINS_PACKAGES) {
                    assertThat(entry).as(jar + " bundles a class Jenkins provides").doesNotStartWith(jenkins);
                }
            }
        }
    }

    @Test
    void everyBundledLibraryIsUsedByTheCodeThatShipsWithIt() throws IOException {
        // A library is needed when another bundled jar's bytecode names one of its packages.
        Map<String, Set<String>> packagesByJar = new LinkedHashMap<>();
        for (String jar : jarNames()) {
            packagesByJar.put(jar, entries(lib.resolve(jar)).stream()
                    .filter(e -> e.endsWith(".class") && e.contains("/"))
                    .map(e -> e.substring(0, e.lastIndexOf('/') + 1))
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        for (String jar : jarNames()) {
            if (jar.equals("dispatch-plan.jar")) {
                continue;
            }
            boolean used = false;
            for (String other : jarNames()) {
                if (!other.equals(jar) && mentionsAny(lib.resolve(other), packagesByJar.get(jar))) {
                    used = true;
                    break;
                }
            }
            assertThat(used).as(jar + " is bundled but no other bundled code refers to it").isTrue();
        }
        assertThat(mentionsAny(pluginJar, packagesByJar.get("dispatch-plan-core.jar"))).isTrue();
    }

    @Test
    void groovyGlobalShipsBesideItsAllowlistAndEveryViewEscapes() throws IOException {
        Set<String> entries = new TreeSet<>(entries(pluginJar));
        assertThat(entries).contains("io/jenkins/plugins/dispatchplan/DispatchPlan.groovy",
                "io/jenkins/plugins/dispatchplan/DispatchPlanDSL.class",
                "io/jenkins/plugins/dispatchplan/DispatchPlanDSL/help.jelly");
        List<String> jelly = entries.stream().filter(e -> e.endsWith(".jelly")).toList();
        assertThat(jelly).isNotEmpty();
        for (String view : jelly) {
            assertThat(entryText(pluginJar, view)).as(view).contains("<?jelly escape-by-default='true'?>");
        }
    }

    private static Set<String> jarNames() throws IOException {
        try (var files = Files.list(lib)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static List<String> entries(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        return names;
    }

    private static String entryText(Path jar, String name) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry e = zip.getEntry(name);
            assertThat(e).as(name + " in " + jar.getFileName()).isNotNull();
            return new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean mentionsAny(Path jar, Set<String> packages) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : zip.stream().filter(x -> x.getName().endsWith(".class")).toList()) {
                String bytes = new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.ISO_8859_1);
                for (String p : packages) {
                    if (bytes.contains(p)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The classes in the packaged jar, loaded (not initialized) by the test's own loader. */
    private static List<Class<?>> classesInPluginJar() throws IOException, ClassNotFoundException {
        List<Class<?>> classes = new ArrayList<>();
        for (String e : entries(pluginJar)) {
            if (e.endsWith(".class") && !e.endsWith("module-info.class")) {
                String name = e.substring(0, e.length() - ".class".length()).replace('/', '.');
                classes.add(Class.forName(name, false, HpiContentIT.class.getClassLoader()));
            }
        }
        return classes;
    }

}
