package io.jenkins.plugins.dispatchplan.stubs;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the index that annotation-indexer's own processor writes in a real Jenkins plugin build:
 * for every annotation meta-annotated {@code @org.jvnet.hudson.annotation_indexer.Indexed}, the file
 * {@code META-INF/annotations/<annotation binary name>} listing, one a line and sorted, the binary
 * names of the classes that carry it (or whose members do).
 *
 * <p>Jenkins reads these at run time: structs' {@code SymbolLookup} lists {@code @Symbol} classes from
 * {@code META-INF/annotations/org.jenkinsci.Symbol}. The real processor cannot be used here because
 * annotation-indexer 1.18 is not on Maven Central. This class is build tooling, never packaged.
 */
@SupportedAnnotationTypes("*")
public final class IndexedAnnotationProcessor extends AbstractProcessor {
    static final String INDEXED = "org.jvnet.hudson.annotation_indexer.Indexed";

    private final Map<String, Set<String>> classesByAnnotation = new HashMap<>();
    private final Map<String, Set<Element>> originsByAnnotation = new HashMap<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            if (!isIndexed(annotation)) {
                continue;
            }
            String name = processingEnv.getElementUtils().getBinaryName(annotation).toString();
            for (Element annotated : round.getElementsAnnotatedWith(annotation)) {
                TypeElement owner = owningType(annotated);
                if (owner != null) {
                    classesByAnnotation.computeIfAbsent(name, k -> new TreeSet<>())
                            .add(processingEnv.getElementUtils().getBinaryName(owner).toString());
                    originsByAnnotation.computeIfAbsent(name, k -> new HashSet<>()).add(annotated);
                }
            }
        }
        if (round.processingOver()) {
            classesByAnnotation.forEach(this::write);
        }
        return false;
    }

    private static boolean isIndexed(TypeElement annotation) {
        return annotation.getAnnotationMirrors().stream()
                .anyMatch(m -> ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(INDEXED));
    }

    private static TypeElement owningType(Element element) {
        Element e = element;
        while (e != null && !(e instanceof TypeElement)) {
            e = e.getEnclosingElement();
        }
        return (TypeElement) e;
    }

    private void write(String annotation, Set<String> classes) {
        String path = "META-INF/annotations/" + annotation;
        try {
            FileObject out = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", path,
                    originsByAnnotation.get(annotation).toArray(new Element[0]));
            try (Writer w = new java.io.OutputStreamWriter(out.openOutputStream(), StandardCharsets.UTF_8)) {
                for (String c : classes) {
                    w.write(c);
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "Cannot write " + path + ": " + e);
        }
    }
}
