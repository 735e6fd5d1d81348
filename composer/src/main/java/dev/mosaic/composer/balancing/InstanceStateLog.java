package dev.mosaic.composer.balancing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per instance transition on {@code dev.mosaic.composer.instances}: WARN when an
 * instance is taken out, INFO when it is put back.
 * {@code Instance orders@127.0.0.1:9012 HEALTHY -> EJECTED (3 failed call(s) in a row, last: CONNECT)}.
 */
public final class InstanceStateLog implements InstanceHealth.Listener {

    private static final Logger log = LoggerFactory.getLogger("dev.mosaic.composer.instances");

    @Override
    public void transitioned(SourceInstance instance, InstanceState from, InstanceState to, String why) {
        if (to == InstanceState.HEALTHY) {
            log.info("Instance {} {} -> {} ({})", instance, from, to, why);
        } else {
            log.warn("Instance {} {} -> {} ({})", instance, from, to, why);
        }
    }
}
