package dev.mosaic.composer.balancing;

import java.net.URI;
import java.util.Map;

import org.springframework.cloud.client.ServiceInstance;

/**
 * One instance of a source, as Spring Cloud LoadBalancer sees it ({@link ServiceInstance}), with its
 * base URL as configured (a path prefix kept) and its {@link InstanceHealth}.
 */
public final class SourceInstance implements ServiceInstance {

    private final String source;
    private final URI uri;
    private final String base;
    private final String id;
    private final InstanceHealth health;

    SourceInstance(String source, URI uri, InstanceHealth health) {
        this.source = source;
        this.uri = uri;
        String text = uri.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.id = uri.getHost() + ":" + (uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri));
        this.health = health;
    }

    private static int defaultPort(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The URI of {@code pathAndQuery} on this instance. */
    public URI uri(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    /** Its health. */
    public InstanceHealth health() {
        return health;
    }

    /** {@code host:port}: the instance's name in logs and meters. */
    @Override
    public String getInstanceId() {
        return id;
    }

    @Override
    public String getServiceId() {
        return source;
    }

    @Override
    public String getHost() {
        return uri.getHost();
    }

    @Override
    public int getPort() {
        return uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri);
    }

    @Override
    public boolean isSecure() {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public Map<String, String> getMetadata() {
        return Map.of();
    }

    @Override
    public String getScheme() {
        return uri.getScheme();
    }

    @Override
    public String toString() {
        return source + "@" + id;
    }
}
