package dev.mosaic.gateway.server;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * The public server's defences against slow and greedy clients, and problem+json for the answers
 * Reactor Netty gives before the application sees a request. Set on Reactor Netty's
 * {@code HttpServer} (Boot has no properties for a request timeout or a connection cap).
 */
@Configuration(proxyBeanMethods = false)
public class EdgeServerConfiguration {

    @Bean
    NettyServerCustomizer edgeServerLimits(EdgeServerProperties properties) {
        return server -> server
                .requestTimeout(properties.requestTimeout())
                .maxConnections(properties.maxConnections())
                .doOnChannelInit((observer, channel, remoteAddress) -> {
                    if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                        channel.pipeline().addAfter(NettyPipeline.HttpCodec, DecodingFailureProblems.NAME,
                                DecodingFailureProblems.INSTANCE);
                    }
                });
    }
}
