package io.dispatchplan.testsupport;

import java.util.ArrayList;
import java.util.List;

/** The argv that runs a main class of the test classpath in a fresh JVM: a real second process. */
public final class JavaProcess {

    private JavaProcess() {
    }

    public static List<String> command(Class<?> mainClass, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + "/bin/java");
        // Surefire puts the real classpath here; java.class.path may be only its booter jar (which also works).
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> argv = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                classpath, mainClass.getName()));
        argv.addAll(List.of(args));
        return argv;
    }
}
