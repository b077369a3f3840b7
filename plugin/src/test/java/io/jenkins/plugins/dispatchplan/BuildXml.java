package io.jenkins.plugins.dispatchplan;

import com.thoughtworks.xstream.XStream;
import com.thoughtworks.xstream.security.AnyTypePermission;

/**
 * Round-trips run state through XStream the way Jenkins saves actions in {@code build.xml}: transient
 * fields are dropped and everything else must be plain enough for XStream (no records, no JDK
 * immutable collections).
 */
public final class BuildXml {
    private BuildXml() {
    }

    @SuppressWarnings("unchecked")
    public static <T> T roundTrip(T action) {
        XStream xstream = new XStream();
        xstream.addPermission(AnyTypePermission.ANY);
        String xml = xstream.toXML(action);
        return (T) xstream.fromXML(xml);
    }

    /** Reads what Jenkins wrote in {@code build.xml} (e.g. an older build's, without fields added since). */
    @SuppressWarnings("unchecked")
    public static <T> T read(String xml) {
        XStream xstream = new XStream();
        xstream.addPermission(AnyTypePermission.ANY);
        return (T) xstream.fromXML(xml);
    }

    /** What Jenkins would write for it in {@code build.xml}. */
    public static String of(Object state) {
        return new XStream().toXML(state);
    }
}
