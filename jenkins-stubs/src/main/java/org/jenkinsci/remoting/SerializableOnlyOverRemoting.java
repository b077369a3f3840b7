package org.jenkinsci.remoting;

import java.io.Serializable;

/**
 * Compile-only stand-in for {@code org.jenkinsci.remoting.SerializableOnlyOverRemoting} from remoting 3327.v868139a_d00e0
 * (the version Jenkins core 2.528.3 carries); never packaged. Its default {@code getChannelForSerialization()} is not
 * used by the plugin and is left out.
 */
public interface SerializableOnlyOverRemoting extends Serializable {}
