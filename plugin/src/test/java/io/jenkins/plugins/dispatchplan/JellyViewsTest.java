package io.jenkins.plugins.dispatchplan;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dispatchplan.run.DispatchPlanAction;
import io.jenkins.plugins.dispatchplan.run.IntegrationRunsView;
import io.jenkins.plugins.dispatchplan.run.IntegrationView;
import io.jenkins.plugins.dispatchplan.run.RunPageView;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The views cannot be rendered without Jenkins, so their logic lives in Java (tested there) and this checks that
 * what the views reference exists: every {@code ${a.b.c}} of the run page resolves to getters, every form field to a
 * getter of the configured class, and every select list to its {@code doFill...Items} method.
 */
class JellyViewsTest {
    private static final Path RESOURCES = Path.of("src/main/resources");

    /** The variables the run page's views use, and their types. */
    private static final Map<String, Class<?>> RUN_PAGE_VARIABLES = Map.of("it", DispatchPlanAction.class,
            "view", RunPageView.class, "row", RunPageView.Row.class, "link", RunPageView.Link.class,
            "integration", IntegrationView.class, "runs", IntegrationRunsView.class, "run", IntegrationRunsView.Line.class,
            "warning", String.class, "n", String.class, "change", String.class);
    /** Set by Jelly or Jenkins itself, not by these views. */
    private static final Set<String> JELLY_VARIABLES = Set.of("rootURL", "s");

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern CHAIN = Pattern.compile("(?<![\\w.'])([a-zA-Z_]\\w*)((?:\\.\\w+(?:\\(\\))?)*)");

    @Test
    void everyExpressionOfTheRunPageResolvesToAGetter() throws IOException {
        List<String> checked = new ArrayList<>();
        for (String view : List.of("index.jelly", "summary.jelly")) {
            String jelly = read("io/jenkins/plugins/dispatchplan/run/DispatchPlanAction/" + view);
            Matcher e = EXPRESSION.matcher(jelly);
            while (e.find()) {
                Matcher c = CHAIN.matcher(e.group(1).replaceAll("'[^']*'", "''"));
                while (c.find()) {
                    String variable = c.group(1);
                    if (JELLY_VARIABLES.contains(variable) || List.of("null", "true", "false").contains(variable)) {
                        continue;
                    }
                    assertThat(RUN_PAGE_VARIABLES).as("variable %s in %s of %s", variable, e.group(), view).containsKey(variable);
                    resolve(RUN_PAGE_VARIABLES.get(variable), c.group(2), e.group() + " in " + view);
                    checked.add(c.group());
                }
            }
        }
        assertThat(checked).contains("view.graphSvg", "row.look.symbol", "link.href", "integration.summary",
                "it.budgetText", "it.concurrencyChanges.isEmpty()", "runs.verifyRuns.isEmpty()", "run.log.href",
                "runs.resolverCost");
    }

    @Test
    void theRunPagePrintsNothingUnescapedButThePlanGraphWhichEscapesItself() throws IOException {
        for (String view : List.of("index.jelly", "summary.jelly")) {
            String jelly = read("io/jenkins/plugins/dispatchplan/run/DispatchPlanAction/" + view);
            assertThat(jelly).as(view).contains("<?jelly escape-by-default='true'?>");
            assertThat(jelly.replace("<j:out value=\"${view.graphSvg}\"/>", "")).as("raw output in %s", view)
                    .doesNotContain("<j:out");
        }
    }

    @Test
    void everyFormFieldHasAGetterAndEverySelectListItsItems() throws IOException {
        List<Path> forms;
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            forms = files.filter(p -> p.getFileName().toString().equals("config.jelly")).toList();
        }
        assertThat(forms).hasSizeGreaterThanOrEqualTo(9);
        Pattern field = Pattern.compile("field=\"(\\w+)\"[^>]*>\\s*(<[fc]:\\w+)?");
        for (Path form : forms) {
            Class<?> configured = classOf(form);
            Class<?> descriptor = descriptorOf(configured);
            Matcher m = field.matcher(Files.readString(form, StandardCharsets.UTF_8));
            while (m.find()) {
                String name = m.group(1);
                assertThat(getter(configured, name)).as("a getter for field %s of %s", name, form).isNotNull();
                if ("<f:select".equals(m.group(2)) || "<c:select".equals(m.group(2))) {
                    String fill = "doFill" + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Items";
                    assertThat(Stream.of(descriptor.getMethods()).map(Method::getName))
                            .as("%s on %s for the select list of %s", fill, descriptor.getSimpleName(), form).contains(fill);
                }
            }
        }
    }

    private static void resolve(Class<?> type, String chain, String where) {
        Class<?> current = type;
        for (String part : chain.isEmpty() ? new String[0] : chain.substring(1).split("\\.")) {
            String name = part.endsWith("()") ? part.substring(0, part.length() - 2) : part;
            Method m = part.endsWith("()") ? method(current, name) : getter(current, name);
            assertThat(m).as("%s has %s (%s)", current.getSimpleName(), part, where).isNotNull();
            current = m.getReturnType();
        }
    }

    private static Method getter(Class<?> type, String property) {
        String capitalized = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        Method m = method(type, "get" + capitalized);
        return m != null ? m : method(type, "is" + capitalized);
    }

    private static Method method(Class<?> type, String name) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 0) {
                return m;
            }
        }
        return null;
    }

    private static Class<?> classOf(Path form) {
        String name = RESOURCES.relativize(form.getParent()).toString().replace('/', '.');
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(form + " is beside no class " + name, e);
        }
    }

    /** The nested descriptor holding the form's {@code doFill} methods; a global configuration is its own. */
    private static Class<?> descriptorOf(Class<?> configured) {
        for (Class<?> nested : configured.getClasses()) {
            if (nested.getSimpleName().equals("DescriptorImpl")) {
                return nested;
            }
        }
        return configured;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = JellyViewsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
