package dev.mosaic.stubs.web;

import java.util.List;
import java.util.Map;

import dev.mosaic.stubs.Backend;
import dev.mosaic.stubs.backend.BackendServers;
import dev.mosaic.stubs.chaos.ChaosBoard;
import dev.mosaic.stubs.chaos.ChaosEvent;
import dev.mosaic.stubs.chaos.ChaosPatch;
import dev.mosaic.stubs.chaos.ChaosSettings;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The chaos API of the SPEC on the control plane: read, change, clear and reset each backend's
 * chaos, and list the changes. A change is validated in full before anything is applied.
 *
 * <p>With several instances per backend ({@code mosaic.stubs.replicas}), {@code ?instance=N} (0-based,
 * instance {@code N} listens on the backend's port + N × the port step) reads, changes or clears one
 * instance's own settings; without it a request is for the whole service, as in the SPEC.
 */
@RestController
@RequestMapping("/chaos")
class ChaosController {

    private final ChaosBoard board;
    private final BackendServers servers;

    ChaosController(ChaosBoard board, BackendServers servers) {
        this.board = board;
        this.servers = servers;
    }

    @GetMapping
    Map<String, ChaosSettings> all() {
        return board.all();
    }

    @GetMapping("/events")
    Map<String, List<ChaosEvent>> events() {
        return Map.of("events", board.events());
    }

    @GetMapping("/{service}")
    ChaosSettings one(@PathVariable String service, @RequestParam(required = false) String instance) {
        Backend backend = backend(service);
        return instance == null ? board.settings(backend) : board.settings(backend, instance(service, instance));
    }

    /** Merges the given fields into the service's (or one instance's) settings; answers the settings now in force. */
    @PutMapping("/{service}")
    Mono<ChaosSettings> update(@PathVariable String service, @RequestParam(required = false) String instance,
            @RequestBody(required = false) String body) {
        Backend backend = backend(service);
        Integer index = instance == null ? null : instance(service, instance);
        ChaosPatch patch = ChaosPatch.parse(JsonBodies.read(body));
        ChaosSettings next = index == null ? board.update(backend, patch) : board.update(backend, index, patch);
        return servers.sync(backend).thenReturn(next);
    }

    @DeleteMapping("/{service}")
    Mono<ChaosSettings> clear(@PathVariable String service, @RequestParam(required = false) String instance) {
        Backend backend = backend(service);
        ChaosSettings cleared = instance == null ? board.clear(backend)
                : board.clear(backend, instance(service, instance));
        return servers.sync(backend).thenReturn(cleared);
    }

    private int instance(String service, String instance) {
        return UnknownInstanceException.parse(service, instance, servers.replicas());
    }

    @PostMapping("/reset")
    Mono<Map<String, ChaosSettings>> reset() {
        board.reset();
        return Flux.fromArray(Backend.values()).concatMap(servers::sync).then(Mono.fromSupplier(board::all));
    }

    private static Backend backend(String service) {
        return Backend.byServiceName(service).orElseThrow(() -> new UnknownServiceException(service));
    }
}
