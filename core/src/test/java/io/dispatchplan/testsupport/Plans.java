package io.dispatchplan.testsupport;

import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.PlanException;
import io.dispatchplan.plan.PlanOptions;
import io.dispatchplan.plan.PlanReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Plans for tests: the seed plans shipped as test resources, and plans written inline. */
public final class Plans {
    private Plans() {}

    /** The text of {@code src/test/resources/plans/<name>}. */
    public static String seedText(String name) {
        try (InputStream in = Plans.class.getResourceAsStream("/plans/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test plan " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Plan seed(String name, PlanOptions options) throws PlanException {
        return PlanReader.parse(seedText(name), name, options);
    }

    public static Plan markdown(String text) throws PlanException {
        return PlanReader.parse(text, "plan.md", PlanOptions.defaults());
    }

    public static Plan yaml(String text) throws PlanException {
        return PlanReader.parse(text, "plan.yaml", PlanOptions.defaults());
    }
}
