package dev.mosaic.stubs.backend;

import com.github.tomakehurst.wiremock.extension.requestfilter.AdminRequestFilterV2;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Closes WireMock's admin API ({@code /__admin/**}: mappings, the request journal with the callers'
 * bearer tokens, {@code shutdown}) over HTTP on every backend port: each admin request is answered
 * 404 problem+json and never reaches WireMock's admin handlers. The stubs' own code drives the
 * servers through the Java API, which no filter sees; the journal is read through the control plane
 * ({@code /journal/{service}}).
 */
final class AdminApiClosed implements AdminRequestFilterV2 {

    static final String NAME = "mosaic-admin-api-closed";

    private static final String BODY = "{\"type\":\"urn:mosaic:problem:not-found\",\"title\":\"Not Found\","
            + "\"status\":404,\"detail\":\"WireMock's admin API is not served on the backend ports\","
            + "\"instance\":\"/__admin\"}";

    private static final ResponseDefinition NOT_FOUND = new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
            .withStatus(404)
            .withHeaders(new HttpHeaders(new HttpHeader("Content-Type", "application/problem+json")))
            .withBody(BODY)
            .build();

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        return RequestFilterAction.stopWith(NOT_FOUND);
    }

    @Override
    public String getName() {
        return NAME;
    }
}
