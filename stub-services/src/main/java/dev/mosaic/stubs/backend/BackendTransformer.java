package dev.mosaic.stubs.backend;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.mosaic.stubs.Backend;
import dev.mosaic.stubs.chaos.ChaosBoard;
import dev.mosaic.stubs.chaos.ChaosDecision;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WireMock extension that makes one WireMock server play one backend: it answers every
 * request from {@link BackendRoutes} and then applies the backend's current chaos from the
 * {@link ChaosBoard}. Delays, faults and dribbling are expressed as WireMock response settings,
 * so WireMock carries them out; with asynchronous responses on, a delay holds no server thread.
 */
final class BackendTransformer implements ResponseDefinitionTransformerV2 {

    /** Header naming the chaos a response got, to tell injected failures from real ones. */
    static final String CHAOS_HEADER = "X-Mosaic-Chaos";
    private static final int DRIBBLE_CHUNKS = 10;

    private final Backend backend;
    private final int instance;
    private final BackendRoutes routes;
    private final ChaosBoard chaos;
    private final JsonMapper json;
    private final BackendMeters meters;

    BackendTransformer(Backend backend, int instance, BackendRoutes routes, ChaosBoard chaos, JsonMapper json,
            BackendMeters meters) {
        this.backend = backend;
        this.instance = instance;
        this.routes = routes;
        this.chaos = chaos;
        this.json = json;
        this.meters = meters;
    }

    @Override
    public String getName() {
        return "mosaic-" + backend.serviceName() + "-" + instance;
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        ChaosDecision decision = chaos.decide(backend, instance);
        meters.count(backend, instance, decision);
        ResponseDefinitionBuilder response;
        if (decision.fault() != null) {
            response = ResponseDefinitionBuilder.responseDefinition()
                    .withFault(Fault.valueOf(decision.fault().name()));
        } else if (decision.injectsError()) {
            response = answer(injectedError(decision.errorStatus(), BackendRequest.pathOf(request.getUrl())))
                    .withHeader(CHAOS_HEADER, "error");
        } else {
            response = answer(routes.answer(new BackendRequest(request.getMethod().getName(),
                    BackendRequest.pathOf(request.getUrl()), name -> values(request.queryParameter(name)))));
        }
        if (decision.delayMs() > 0) {
            response.withFixedDelay((int) decision.delayMs());
        }
        if (decision.dribbleMs() > 0 && decision.fault() == null) {
            response.withChunkedDribbleDelay(DRIBBLE_CHUNKS, (int) decision.dribbleMs());
        }
        return response.build();
    }

    private static ResponseDefinitionBuilder answer(BackendAnswer answer) {
        ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition()
                .withStatus(answer.status())
                .withHeader("Content-Type", answer.contentType())
                .withBody(answer.body());
        answer.headers().forEach(builder::withHeader);
        return builder;
    }

    private BackendAnswer injectedError(int status, String path) {
        byte[] body = json.writeValueAsBytes(BackendRoutes.problemBody("urn:mosaic:problem:injected-error",
                "Injected error", status,
                String.format(Locale.ROOT, "chaos: the %s service answers %d by request", backend.serviceName(), status),
                path));
        return new BackendAnswer(status, BackendAnswer.PROBLEM_JSON, body, Map.of());
    }

    private static List<String> values(QueryParameter parameter) {
        return parameter == null || !parameter.isPresent() ? List.of() : parameter.values();
    }
}
