package dev.mosaic.composer.config;

import dev.mosaic.composer.identity.JwkKeys;
import dev.mosaic.composer.identity.TokenVerifier;
import dev.mosaic.composer.resilience.TimeSource;
import io.netty.channel.ChannelOption;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The caller's token verification: the identity provider's keys over their own small, bounded
 * connection pool (never the backends' pool, never an unbounded one).
 */
@Configuration(proxyBeanMethods = false)
public class IdentityConfiguration {

    @Bean
    TokenVerifier tokenVerifier(ComposerProperties properties, TimeSource time) {
        SecurityProperties security = properties.security();
        ConnectionProvider pool = ConnectionProvider.builder("mosaic-identity")
                .maxConnections(4)
                .pendingAcquireMaxCount(64)
                .pendingAcquireTimeout(security.jwkTimeout())
                .build();
        HttpClient http = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(security.jwkTimeout().toMillis(), 1000))
                .responseTimeout(security.jwkTimeout());
        WebClient client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(256 * 1024))
                .build();
        JwkKeys keys = new JwkKeys(client, security.jwkSetUri(), security.jwkTimeout(), security.jwkMaxAge(),
                security.jwkMinRefetchInterval(), time);
        return new TokenVerifier(keys, security.issuer(), security.clockSkew(), security.verifiedTokens(), time);
    }
}
