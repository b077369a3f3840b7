package io.jenkins.plugins.dispatchplan.run;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * What {@code .../dispatch-plan/api/json?depth=1} serves, read the way Stapler's exporter reads it: every
 * {@code @Exported} getter, beans inside as nested maps, lists as lists. So a test can check the page against the
 * same data.
 */
final class ExportedData {
    private ExportedData() {
    }

    static Map<String, Object> of(Object bean) {
        Map<String, Object> data = new TreeMap<>();
        for (Method m : bean.getClass().getMethods()) {
            if (m.isAnnotationPresent(Exported.class) && m.getParameterCount() == 0) {
                try {
                    data.put(property(m.getName()), value(m.invoke(bean)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return data;
    }

    private static Object value(Object v) {
        if (v == null) {
            return null;
        }
        if (v.getClass().isAnnotationPresent(ExportedBean.class)) {
            return of(v);
        }
        if (v instanceof Collection<?> c) {
            List<Object> list = new ArrayList<>();
            for (Object item : c) {
                list.add(value(item));
            }
            return list;
        }
        return v;
    }

    private static String property(String getter) {
        String name = getter.startsWith("is") ? getter.substring(2) : getter.substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
