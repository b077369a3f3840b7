package io.dispatchplan.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** ConflictWarnings sits between the run and its listener: nothing the run says may stop at it. */
class ConflictWarningsTest {
    @Test
    void everyListenerMethodIsPassedOn() throws Exception {
        for (Method m : RunListener.class.getMethods()) {
            if (m.isDefault()) {
                Method own = ConflictWarnings.class.getMethod(m.getName(), m.getParameterTypes());
                assertThat(own.getDeclaringClass()).as(m.getName() + " is passed on").isEqualTo(ConflictWarnings.class);
            }
        }
        assertThat(Arrays.stream(RunListener.class.getMethods()).filter(Method::isDefault)).isNotEmpty();
    }
}
