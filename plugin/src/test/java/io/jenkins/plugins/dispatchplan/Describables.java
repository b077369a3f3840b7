package io.jenkins.plugins.dispatchplan;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Makes and takes apart a step or worker the way Jenkins does, for tests that have no Jenkins: from named arguments
 * as a Jenkinsfile passes them (structs' {@code DescribableModel.instantiate}: the {@code @DataBoundConstructor}'s
 * parameters by name, then the {@code @DataBoundSetter}s; an unknown name is an error), from a submitted form as
 * Stapler binds it (text fields as strings: an empty number is null, an empty yes/no is {@code false}), and back
 * into the arguments the Snippet Generator writes ({@code DescribableModel.uninstantiate2}: the constructor's
 * parameters, and every other property whose value differs from a freshly made instance's).
 */
public final class Describables {
    private Describables() {
    }

    /** From a Jenkinsfile's named arguments (Groovy values: an Integer for a Double, a GString for a String). */
    public static <T> T instantiate(Class<T> type, Map<String, ?> arguments) {
        return make(type, arguments, Describables::fromGroovy);
    }

    /** From a submitted form: every value a string, converted as Stapler converts it. */
    public static <T> T bindForm(Class<T> type, Map<String, ?> form) {
        return make(type, form, Describables::fromForm);
    }

    /** The arguments the Snippet Generator would write for {@code object}: only what differs from the defaults. */
    public static Map<String, Object> uninstantiate(Object object) {
        Constructor<?> constructor = dataBoundConstructor(object.getClass());
        Map<String, Object> arguments = new TreeMap<>();
        Map<String, Object> required = new LinkedHashMap<>();
        for (Parameter p : constructor.getParameters()) {
            Object value = read(object, p.getName());
            arguments.put(p.getName(), value);
            required.put(p.getName(), value);
        }
        Object control = instantiate(object.getClass(), required);
        for (Method setter : setters(object.getClass()).values()) {
            String name = propertyOf(setter);
            Object value = read(object, name);
            if (!Objects.equals(value, read(control, name))) {
                arguments.put(name, value);
            }
        }
        return arguments;
    }

    private interface Converter {
        Object convert(Object value, Class<?> type);
    }

    private static <T> T make(Class<T> type, Map<String, ?> arguments, Converter converter) {
        Map<String, Object> rest = new LinkedHashMap<>(arguments);
        Constructor<?> constructor = dataBoundConstructor(type);
        Parameter[] parameters = constructor.getParameters();
        Object[] values = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            values[i] = converter.convert(rest.remove(parameters[i].getName()), parameters[i].getType());
        }
        T made;
        try {
            made = type.cast(constructor.newInstance(values));
        } catch (InvocationTargetException e) {
            throw rethrown(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Method> setters = setters(type);
        for (Map.Entry<String, Object> argument : rest.entrySet()) {
            Method setter = setters.get(argument.getKey());
            if (setter == null) {
                throw new IllegalArgumentException(type.getSimpleName() + " has no parameter '" + argument.getKey()
                        + "'; it takes " + String.join(", ", new TreeMap<>(setters).keySet()));
            }
            try {
                setter.invoke(made, converter.convert(argument.getValue(), setter.getParameterTypes()[0]));
            } catch (InvocationTargetException e) {
                throw rethrown(e);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return made;
    }

    private static Object fromGroovy(Object value, Class<?> type) {
        if (value == null) {
            return type == int.class ? 0 : type == boolean.class ? false : type == double.class ? 0.0 : null;
        }
        if (value instanceof CharSequence && type == String.class) {
            return value.toString();
        }
        return DefaultTypeTransformation.castToType(value, type);
    }

    /** Stapler registers null-defaulting converters for Integer and Double; Boolean keeps beanutils' default, false. */
    private static Object fromForm(Object value, Class<?> type) {
        if (!(value instanceof String text) || type == String.class) {
            return fromGroovy(value, type);
        }
        if (type == Boolean.class || type == boolean.class) {
            return Boolean.parseBoolean(text.strip());
        }
        if (text.isBlank()) {
            return type == Integer.class || type == Double.class ? null : fromGroovy(null, type);
        }
        if (type == Integer.class || type == int.class) {
            return Integer.valueOf(text.strip());
        }
        if (type == Double.class || type == double.class) {
            return Double.valueOf(text.strip());
        }
        return fromGroovy(value, type);
    }

    private static RuntimeException rethrown(InvocationTargetException e) {
        return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }

    private static Constructor<?> dataBoundConstructor(Class<?> type) {
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                return c;
            }
        }
        throw new IllegalArgumentException(type + " has no @DataBoundConstructor");
    }

    private static Map<String, Method> setters(Class<?> type) {
        Map<String, Method> setters = new TreeMap<>();
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class) && m.getParameterCount() == 1 && !Modifier.isStatic(m.getModifiers())) {
                setters.put(propertyOf(m), m);
            }
        }
        return setters;
    }

    private static String propertyOf(Method setter) {
        String name = setter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static Object read(Object object, String property) {
        String capitalized = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        for (String getter : new String[] {"get" + capitalized, "is" + capitalized}) {
            try {
                return object.getClass().getMethod(getter).invoke(object);
            } catch (NoSuchMethodException e) {
                // try the next spelling
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException(object.getClass().getSimpleName() + " has no getter for " + property
                + ": the Snippet Generator could not write it back");
    }
}
