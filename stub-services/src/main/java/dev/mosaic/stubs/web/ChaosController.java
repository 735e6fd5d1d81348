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
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The chaos API of the SPEC on the control plane: read, change, clear and reset each backend's
 * chaos, and list the changes. A change is validated in full before anything is applied.
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
    ChaosSettings one(@PathVariable String service) {
        return board.settings(backend(service));
    }

    /** Merges the given fields into the service's settings; answers the settings now in force. */
    @PutMapping("/{service}")
    Mono<ChaosSettings> update(@PathVariable String service, @RequestBody(required = false) String body) {
        Backend backend = backend(service);
        ChaosPatch patch = ChaosPatch.parse(JsonBodies.read(body));
        ChaosSettings next = board.update(backend, patch);
        return servers.sync(backend).thenReturn(next);
    }

    @DeleteMapping("/{service}")
    Mono<ChaosSettings> clear(@PathVariable String service) {
        Backend backend = backend(service);
        ChaosSettings cleared = board.clear(backend);
        return servers.sync(backend).thenReturn(cleared);
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
