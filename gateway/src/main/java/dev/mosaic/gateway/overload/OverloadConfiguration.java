package dev.mosaic.gateway.overload;

import dev.mosaic.gateway.routing.EdgeRoutes;
import dev.mosaic.gateway.web.CorsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * The per-route adaptive concurrency limits ({@code mosaic.gateway.concurrency-limit.enabled}, on by
 * default), applied at each connection's door ({@link RouteAdmission}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RouteConcurrencyLimitProperties.class)
@ConditionalOnProperty(name = "mosaic.gateway.concurrency-limit.enabled", matchIfMissing = true)
class OverloadConfiguration {

    @Bean
    RouteConcurrencyLimits routeConcurrencyLimits(RouteConcurrencyLimitProperties settings, EdgeRoutes routes,
            MeterRegistry meters) {
        return new RouteConcurrencyLimits(settings, routes, meters);
    }

    @Bean
    NettyServerCustomizer routeAdmission(RouteConcurrencyLimits limits, ObjectProvider<CorsProperties> cors) {
        RouteAdmission.CrossOrigin crossOrigin = RouteAdmission.CrossOrigin.of(cors.getIfAvailable());
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            // HTTP/1.1 only: the handler pairs requests and answers in order on one connection
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, RouteAdmission.NAME,
                        new RouteAdmission(limits, crossOrigin));
            }
        });
    }
}
