package dev.mosaic.stubs.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mosaic.stubs.Backend;
import dev.mosaic.stubs.backend.BackendServers;
import dev.mosaic.stubs.config.StubProperties;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Each backend's request journal, on the control plane instead of WireMock's admin API (which is
 * closed on the backend ports): {@code GET /journal/{service}} lists what the backend received,
 * oldest first, headers included; {@code DELETE /journal/{service}} empties it. Only with
 * {@code mosaic.stubs.journal-enabled=true}; otherwise 404 problem+json {@code journal-disabled}.
 * {@code ?instance=N} reads another instance's journal (default the first).
 */
@RestController
@RequestMapping("/journal")
class JournalController {

    private final BackendServers servers;
    private final boolean enabled;

    JournalController(BackendServers servers, StubProperties properties) {
        this.servers = servers;
        this.enabled = properties.journalEnabled();
    }

    @GetMapping("/{service}")
    Mono<Map<String, List<Map<String, Object>>>> journal(@PathVariable String service,
            @RequestParam(defaultValue = "0") String instance) {
        Backend backend = backend(service);
        int index = UnknownInstanceException.parse(service, instance, servers.replicas());
        // the servers' monitor is held while chaos stops or starts one: never wait for it on an event loop
        return Mono.fromCallable(() -> servers.server(backend, index).map(WireMockServer::getAllServeEvents)
                        .orElse(List.of()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(events -> Map.of("requests", entries(events)));
    }

    @DeleteMapping("/{service}")
    Mono<Map<String, List<Map<String, Object>>>> clear(@PathVariable String service,
            @RequestParam(defaultValue = "0") String instance) {
        Backend backend = backend(service);
        int index = UnknownInstanceException.parse(service, instance, servers.replicas());
        return Mono.fromRunnable(() -> servers.server(backend, index).ifPresent(WireMockServer::resetRequests))
                .subscribeOn(Schedulers.boundedElastic())
                .thenReturn(Map.of("requests", List.of()));
    }

    private Backend backend(String service) {
        Backend backend = Backend.byServiceName(service).orElseThrow(() -> new UnknownServiceException(service));
        if (!enabled) {
            throw new JournalDisabledException();
        }
        return backend;
    }

    private static List<Map<String, Object>> entries(List<ServeEvent> newestFirst) {
        List<Map<String, Object>> entries = new ArrayList<>(newestFirst.size());
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            LoggedRequest request = newestFirst.get(i).getRequest();
            Map<String, Object> headers = new LinkedHashMap<>();
            for (HttpHeader header : request.getHeaders().all()) {
                List<String> values = header.values();
                headers.put(header.key(), values.size() == 1 ? values.get(0) : values);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("method", request.getMethod().getName());
            entry.put("url", request.getUrl());
            entry.put("loggedAt", request.getLoggedDate().toInstant().toString());
            entry.put("headers", headers);
            entries.add(entry);
        }
        return entries;
    }
}
