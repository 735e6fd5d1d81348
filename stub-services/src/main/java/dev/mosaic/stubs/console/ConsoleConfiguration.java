package dev.mosaic.stubs.console;

import java.time.Clock;

import dev.mosaic.stubs.chaos.ChaosBoard;
import dev.mosaic.stubs.console.scrape.ManagementScraper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Schedulers;

/** Wires the resilience console from {@link ConsoleProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConsoleConfiguration.class);

    @Bean(destroyMethod = "close")
    ManagementScraper consoleScraper(ConsoleProperties properties, Clock clock) {
        return new ManagementScraper(properties.timeout(), clock);
    }

    @Bean
    ConsoleStream consoleStream(ConsoleProperties properties, ManagementScraper consoleScraper, ChaosBoard chaos) {
        log.info("Resilience console at /console reads the composer at {} and the gateway at {} every {} while open",
                properties.composerManagementUrl(), properties.gatewayManagementUrl(), properties.interval());
        return new ConsoleStream(properties, consoleScraper, chaos, Schedulers.parallel());
    }

    @Bean
    ConsoleAssets consoleAssets() {
        return ConsoleAssets.load();
    }
}
