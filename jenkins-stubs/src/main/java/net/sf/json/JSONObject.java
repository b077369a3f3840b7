package net.sf.json;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Compile-only stand-in for {@code net.sf.json.JSONObject} from json-lib 2.4-jenkins (bundled in Jenkins core 2.528.3;
 * not on Maven Central); never packaged. A submitted form as Stapler hands it to {@code Descriptor.newInstance}.
 * The real class also extends {@code AbstractJSON} and implements {@code JSON} and {@code Comparable}; only its
 * {@code Map} side is used.
 */
@SuppressWarnings("rawtypes")
public final class JSONObject implements Map {
    public JSONObject() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean isEmpty() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean containsKey(Object key) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean containsValue(Object value) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Object get(Object key) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Object put(Object key, Object value) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Object remove(Object key) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void putAll(Map map) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Set keySet() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Collection values() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Set entrySet() {
        throw new UnsupportedOperationException("stub");
    }
}
