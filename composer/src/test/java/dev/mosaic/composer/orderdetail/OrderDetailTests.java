package dev.mosaic.composer.orderdetail;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.ComposerIntegrationTest;
import dev.mosaic.composer.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped {@code order-detail} composition at {@code GET /order-detail/{orderId}}: the order
 * first, then its owner and its products together; owner {@code {order.userId}} (another caller gets
 * a 404 that says nothing about the order, and no dependent call is made); the caller's JWT verified
 * in the composer.
 */
class OrderDetailTests extends ComposerIntegrationTest {

    private static final String ORDER_ID = "o-42-01";
    private static final String OWNER = "u-42";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An order stubbed on the order service (and its owner and products on theirs). */
    private record Order(String id, String owner, List<String> productIds) {

        String uri() {
            return "/order-detail/" + id;
        }
    }

    /** Stubs order {@code id} of {@code owner} with these items, the owner's profile and the catalog's answer. */
    private static Order stubOrder(String id, String owner, String... productIds) {
        Backends.stub(get(urlPathEqualTo("/orders/" + id)).willReturn(Backends.json(Backends.order(id, owner,
                productIds))));
        Backends.stub(get(urlPathEqualTo("/users/" + owner)).willReturn(Backends.json(Backends.user(owner))));
        List<String> distinct = List.copyOf(new LinkedHashSet<>(List.of(productIds)));
        Backends.stub(get(urlPathEqualTo("/products")).withQueryParam("ids", equalTo(String.join(",", distinct)))
                .willReturn(Backends.json(Backends.products(distinct.toArray(String[]::new)))));
        return new Order(id, owner, List.of(productIds));
    }

    /** An order no other test has used (so no last-known-good answer can stand in for a failure). */
    private static Order freshOrder() {
        String owner = freshUser();
        String id = fresh("o");
        return stubOrder(id, owner, id + "-p1", id + "-p2");
    }

    @Test
    void composesTheOrderItsOwnerAndItsProductsForTheOwner() {
        Order order = stubOrder(ORDER_ID, OWNER, "p-1", "p-2", "p-1");

        client.get().uri(order.uri()).headers(Tokens.bearer(OWNER)).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals("X-Composition", "order-detail")
                .expectHeader().valueEquals("X-Composition-Complete", "true")
                .expectHeader().doesNotExist("X-Dashboard-Complete")
                .expectHeader().doesNotExist("X-Degraded-Sections")
                .expectHeader().valueMatches("Server-Timing", "order;dur=\\d+, user;dur=\\d+, products;dur=\\d+")
                .expectBody()
                .jsonPath("$.orderId").isEqualTo(ORDER_ID)
                .jsonPath("$.order.id").isEqualTo(ORDER_ID)
                .jsonPath("$.order.userId").isEqualTo(OWNER)
                .jsonPath("$.order.items.length()").isEqualTo(3)
                .jsonPath("$.user.id").isEqualTo(OWNER)
                .jsonPath("$.products[*].productId").isEqualTo(List.of("p-1", "p-2"))
                .jsonPath("$.products[0].price.amount").isEqualTo("10.00")
                .jsonPath("$.meta.complete").isEqualTo(true)
                .jsonPath("$.meta.sections.order.status").isEqualTo("OK")
                .jsonPath("$.meta.sections.order.source").isEqualTo("LIVE")
                .jsonPath("$.meta.sections.order.attempts").isEqualTo(1)
                .jsonPath("$.meta.sections.user.status").isEqualTo("OK")
                .jsonPath("$.meta.sections.user.attempts").isEqualTo(1)
                .jsonPath("$.meta.sections.products.status").isEqualTo("OK")
                .jsonPath("$.meta.sections.products.attempts").isEqualTo(1);

        assertThat(urls("/products")).as("one batch call with the distinct product ids, comma-joined, in order")
                .containsExactly("/products?ids=p-1,p-2");
        assertThat(urls("/users/.*")).as("the owner read from the order").containsExactly("/users/" + OWNER);
        assertThat(urls("/orders/.*")).containsExactly("/orders/" + ORDER_ID);
    }

    @Test
    void answersAnotherUserWith404AndNoneOfTheOrdersData() {
        Order order = stubOrder(ORDER_ID, OWNER, "p-1", "p-2", "p-1");

        EntityExchangeResult<byte[]> result = client.get().uri(order.uri()).headers(Tokens.bearer("u-1")).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.instance").isEqualTo(order.uri())
                .jsonPath("$.traceId").isNotEmpty()
                .returnResult();

        String body = new String(result.getResponseBodyContent(), StandardCharsets.UTF_8);
        assertThat(body).as("the 404 must not reveal the owner, the products or anything else of the order")
                .doesNotContain(OWNER, "p-1", "p-2", "SHIPPED", "Title of", "EUR");
        assertThat(result.getResponseHeaders().toString()).doesNotContain(OWNER, "p-1");
        assertThat(Backends.count("/users/.*")).as("the owner's profile is not fetched for someone else").isZero();
        assertThat(Backends.count("/products")).as("nor the order's products").isZero();
    }

    @Test
    void answersAnotherUsersOrderExactlyAsAnOrderThatDoesNotExist() {
        Order order = freshOrder();
        String unknown = fresh("o");
        Backends.stub(get(urlPathEqualTo("/orders/" + unknown)).willReturn(aResponse().withStatus(404)));

        ProblemShape denied = problemShape(order.uri(), Tokens.bearer("u-1"));
        ProblemShape missing = problemShape("/order-detail/" + unknown, Tokens.bearer("u-1"));

        assertThat(denied).as("someone else's order and a missing one must be indistinguishable").isEqualTo(missing);
        assertThat(denied.status()).isEqualTo(404);
    }

    @Test
    void stillChecksTheOwnerWhenOnlyTheProductsAreIncluded() {
        Order order = freshOrder();

        client.get().uri(order.uri() + "?include=products").headers(Tokens.bearer("u-1")).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404);

        assertThat(Backends.count("/products")).as("products of an order the caller may not see").isZero();
    }

    @Test
    void answers404ForAnUnknownOrderWhenOnlyTheProductsAreIncluded() {
        String unknown = fresh("o");
        Backends.stub(get(urlPathEqualTo("/orders/" + unknown)).willReturn(aResponse().withStatus(404)));

        client.get().uri("/order-detail/{id}?include=products", unknown).headers(Tokens.bearer(OWNER)).exchange()
                .expectStatus().isNotFound()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://mosaic.dev/problems/order-not-found")
                .jsonPath("$.sections.order.reason").isEqualTo("NOT_FOUND")
                .jsonPath("$.sections.products.reason").isEqualTo("DEPENDENCY_FAILED");
    }

    @Test
    void answers503WhenTheOrderServiceIsUnavailableAndOnlyTheProductsAreIncluded() {
        Order order = freshOrder();
        Backends.stub(get(urlPathEqualTo("/orders/" + order.id())).willReturn(aResponse().withStatus(503)));

        client.get().uri(order.uri() + "?include=products").headers(Tokens.bearer(order.owner())).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectBody().jsonPath("$.sections.order.reason").isEqualTo("UPSTREAM_ERROR");
    }

    @ParameterizedTest
    @ValueSource(strings = { "compositions:read:any", "dashboard:read:any", "dashboard:read compositions:read:any" })
    void letsAReadAnyTokenReadSomeoneElsesOrder(String scope) {
        Order order = freshOrder();

        client.get().uri(order.uri()).headers(Tokens.bearerToken(Tokens.token("support-1").scope(scope).sign()))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.order.userId").isEqualTo(order.owner())
                .jsonPath("$.user.id").isEqualTo(order.owner())
                .jsonPath("$.meta.complete").isEqualTo(true);
    }

    @Test
    void requiresABearerToken() {
        Order order = freshOrder();

        client.get().uri(order.uri()).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://mosaic.dev/problems/unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.traceId").isNotEmpty();

        assertThat(Backends.count("/orders/.*")).as("no backend call without a token").isZero();
    }

    @Test
    void refusesATokenWithoutTheReadScope() {
        Order order = freshOrder();

        client.get().uri(order.uri())
                .headers(Tokens.bearerToken(Tokens.token(order.owner()).scope("profile:read").sign()))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("dashboard:read"));

        assertThat(Backends.count("/orders/.*")).isZero();
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of("signed with another key under the trusted kid",
                        "Bearer " + Tokens.token(OWNER).signedWith(Tokens.otherKey()).sign()),
                Arguments.of("signed with a key the provider does not have",
                        "Bearer " + Tokens.token(OWNER).signedWith(Tokens.generate("stranger")).keyId("stranger")
                                .sign()),
                Arguments.of("expired an hour ago",
                        "Bearer " + Tokens.token(OWNER).expiresAt(Instant.now().minusSeconds(3600)).sign()),
                Arguments.of("HS256 with the public key as secret", "Bearer " + Tokens.token(OWNER).signHs256()),
                Arguments.of("alg none", "Bearer " + Tokens.token(OWNER).unsigned()),
                Arguments.of("from another issuer",
                        "Bearer " + Tokens.token(OWNER).issuer("https://evil.example").sign()),
                Arguments.of("without a kid", "Bearer " + Tokens.token(OWNER).keyId(null).sign()),
                Arguments.of("garbage", "Bearer not-a-jwt"),
                Arguments.of("empty", "Bearer "),
                Arguments.of("not a bearer token", "Basic dS00MjpzZWNyZXQ="));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void refusesATokenItCannotTrustWith401(String what, String authorization) {
        Order order = stubOrder(fresh("o"), OWNER, "p-1");

        client.get().uri(order.uri()).header(HttpHeaders.AUTHORIZATION, authorization).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.type").isEqualTo("https://mosaic.dev/problems/unauthorized");

        assertThat(Backends.count("/orders/.*")).as("an untrusted token reaches no backend").isZero();
    }

    @Test
    void answers404WhenTheOrderServiceDoesNotKnowTheOrder() {
        String unknown = fresh("o");
        Backends.stub(get(urlPathEqualTo("/orders/" + unknown)).willReturn(aResponse().withStatus(404)));

        client.get().uri("/order-detail/{id}", unknown).headers(Tokens.bearer(OWNER)).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("X-Composition", "order-detail")
                .expectHeader().valueEquals("X-Composition-Complete", "false")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://mosaic.dev/problems/order-not-found")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.sections.order.reason").isEqualTo("NOT_FOUND")
                .jsonPath("$.sections.user.reason").isEqualTo("DEPENDENCY_FAILED")
                .jsonPath("$.sections.products.reason").isEqualTo("DEPENDENCY_FAILED");

        assertThat(Backends.count("/users/.*") + Backends.count("/products")).isZero();
    }

    @Test
    void answers503WithRetryAfterWhenTheOrderServiceIsUnavailable() {
        Order order = freshOrder();
        Backends.stub(get(urlPathEqualTo("/orders/" + order.id())).willReturn(aResponse().withStatus(503)));

        client.get().uri(order.uri()).headers(Tokens.bearer(order.owner())).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.sections.order.status").isEqualTo("FAILED")
                .jsonPath("$.sections.order.reason").isEqualTo("UPSTREAM_ERROR")
                .jsonPath("$.sections.order.attempts").isEqualTo(3)
                .jsonPath("$.sections.user.reason").isEqualTo("DEPENDENCY_FAILED")
                .jsonPath("$.sections.products.reason").isEqualTo("DEPENDENCY_FAILED");

        assertThat(Backends.count("/users/.*") + Backends.count("/products"))
                .as("nothing that needs the order is called").isZero();
    }

    @Test
    void servesTheOrderWithFailedProductsWhenTheCatalogAnswers503() {
        Order order = freshOrder();
        Backends.stub(get(urlPathEqualTo("/products")).willReturn(aResponse().withStatus(503)));

        client.get().uri(order.uri()).headers(Tokens.bearer(order.owner())).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Composition-Complete", "false")
                .expectHeader().valueEquals("X-Degraded-Sections", "products")
                .expectBody()
                .jsonPath("$.products").isEmpty()
                .jsonPath("$.meta.sections.products.status").isEqualTo("FAILED")
                .jsonPath("$.meta.sections.products.source").isEqualTo("NONE")
                .jsonPath("$.meta.sections.products.reason").isEqualTo("UPSTREAM_ERROR")
                .jsonPath("$.meta.sections.order.status").isEqualTo("OK")
                .jsonPath("$.meta.sections.user.status").isEqualTo("OK")
                .jsonPath("$.order.id").isEqualTo(order.id())
                .jsonPath("$.user.id").isEqualTo(order.owner());
    }

    @Test
    void servesTheOrderWithFailedProductsWhenTheCatalogResetsConnections() {
        Order order = freshOrder();
        Backends.stub(get(urlPathEqualTo("/products"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        client.get().uri(order.uri()).headers(Tokens.bearer(order.owner())).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.products").isEmpty()
                .jsonPath("$.meta.sections.products.status").isEqualTo("FAILED")
                .jsonPath("$.meta.sections.products.reason").isEqualTo("CONNECT_ERROR")
                .jsonPath("$.meta.sections.order.status").isEqualTo("OK")
                .jsonPath("$.meta.sections.user.status").isEqualTo("OK");
    }

    @Test
    void answersAnOrderWithoutItemsWithEmptyProductsAndNoCatalogCall() {
        Order order = stubOrder(fresh("o"), freshUser());

        client.get().uri(order.uri()).headers(Tokens.bearer(order.owner())).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Composition-Complete", "true")
                .expectBody()
                .jsonPath("$.products").isArray()
                .jsonPath("$.products.length()").isEqualTo(0)
                .jsonPath("$.meta.sections.products.status").isEqualTo("OK")
                .jsonPath("$.meta.sections.products.source").isEqualTo("LIVE")
                .jsonPath("$.meta.sections.products.attempts").isEqualTo(0);

        assertThat(Backends.count("/products")).as("nothing to ask the catalog for").isZero();
    }

    @Test
    void keepsTheProductsWhenTheUserServiceFails() {
        Order order = freshOrder();
        Backends.stub(get(urlPathEqualTo("/users/" + order.owner()))
                .willReturn(aResponse().withStatus(500)));

        client.get().uri(order.uri()).headers(Tokens.bearer(order.owner())).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Degraded-Sections", "user")
                .expectBody()
                .jsonPath("$.user").isEmpty()
                .jsonPath("$.meta.sections.user.status").isEqualTo("FAILED")
                .jsonPath("$.meta.sections.user.reason").isEqualTo("UPSTREAM_ERROR")
                .jsonPath("$.meta.sections.products.status").isEqualTo("OK")
                .jsonPath("$.products[*].productId").isEqualTo(order.productIds());
    }

    @Test
    void returnsOnlyTheIncludedSectionButStillCallsWhatItNeeds() {
        Order order = freshOrder();

        client.get().uri(order.uri() + "?include=products").headers(Tokens.bearer(order.owner())).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.orderId").isEqualTo(order.id())
                .jsonPath("$.products[*].productId").isEqualTo(order.productIds())
                .jsonPath("$.order").isEmpty()
                .jsonPath("$.user").isEmpty()
                .jsonPath("$.meta.sections.products.status").isEqualTo("OK")
                .jsonPath("$.meta.sections.order.status").isEqualTo("SKIPPED")
                .jsonPath("$.meta.sections.order.attempts").isEqualTo(1)
                .jsonPath("$.meta.sections.user.status").isEqualTo("SKIPPED")
                .jsonPath("$.meta.sections.user.attempts").isEqualTo(0);

        assertThat(Backends.count("/orders/.*")).as("the order is needed for the product ids").isEqualTo(1);
        assertThat(Backends.count("/users/.*")).as("the user is neither included nor needed").isZero();
    }

    @Test
    void rejectsAnInvalidOrderIdWith400() {
        client.get().uri("/order-detail/{id}", "bad.id!").headers(Tokens.bearer(OWNER)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://mosaic.dev/problems/invalid-order-id")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("[A-Za-z0-9_-]{1,64}"));
        client.get().uri("/order-detail/{id}", "o".repeat(65)).headers(Tokens.bearer(OWNER)).exchange()
                .expectStatus().isBadRequest();

        assertThat(Backends.count("/orders/.*")).isZero();
    }

    @Test
    void answersOtherMethodsWith405() {
        client.post().uri("/order-detail/{id}", ORDER_ID).headers(Tokens.bearer(OWNER)).exchange()
                .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.ALLOW, "GET,HEAD");
    }

    @Test
    void answersHeadWithTheHeadersOfGetAndNoBody() {
        Order order = freshOrder();

        client.head().uri(order.uri()).headers(Tokens.bearer(order.owner())).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Composition", "order-detail")
                .expectHeader().valueEquals("X-Composition-Complete", "true")
                .expectHeader().exists(HttpHeaders.ETAG)
                .expectBody().isEmpty();
    }

    @Test
    void startsTheUserAndTheProductsTogetherOnceTheOrderHasAnswered() {
        int delay = 300;
        Order order = freshOrder();
        Backends.stub(get(urlPathEqualTo("/orders/" + order.id())).willReturn(Backends.json(
                Backends.order(order.id(), order.owner(), order.productIds().toArray(String[]::new)))
                .withFixedDelay(delay)));
        Backends.stub(get(urlPathEqualTo("/users/" + order.owner())).willReturn(Backends.json(
                Backends.user(order.owner())).withFixedDelay(delay)));
        Backends.stub(get(urlPathEqualTo("/products")).willReturn(Backends.json(
                Backends.products(order.productIds().toArray(String[]::new))).withFixedDelay(delay)));

        client.get().uri(order.uri()).headers(Tokens.bearer(order.owner())).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Composition-Complete", "true");

        // the backends' own clock: when each request arrived
        long orderArrived = arrival("/orders/.*");
        long userArrived = arrival("/users/.*");
        long productsArrived = arrival("/products");
        assertThat(userArrived - orderArrived).as("the user is asked only once the order has answered")
                .isGreaterThanOrEqualTo(delay);
        assertThat(productsArrived - orderArrived).as("the products are asked only once the order has answered")
                .isGreaterThanOrEqualTo(delay);
        assertThat(Math.abs(userArrived - productsArrived))
                .as("user and products start together, not one after the other (which is %d ms apart)", delay)
                .isLessThan(delay / 2);
    }

    /** What a client can tell from a problem: status, headers that describe it, and its body without instance, trace and timings. */
    private record ProblemShape(int status, String degraded, String type, String title, String detail,
            String sections) {
    }

    private ProblemShape problemShape(String uri, Consumer<HttpHeaders> auth) {
        EntityExchangeResult<byte[]> result = client.get().uri(uri).headers(auth).exchange()
                .expectBody().returnResult();
        JsonNode body = JSON.readTree(result.getResponseBodyContent());
        StringBuilder sections = new StringBuilder();
        body.path("sections").properties().forEach(section -> sections.append(section.getKey()).append('=')
                .append(section.getValue().path("status").asString()).append('/')
                .append(section.getValue().path("reason").asString()).append('/')
                .append(section.getValue().path("attempts").asInt()).append(' '));
        return new ProblemShape(result.getStatus().value(),
                result.getResponseHeaders().getFirst("X-Degraded-Sections"), body.path("type").asString(),
                body.path("title").asString(), body.path("detail").asString(), sections.toString());
    }

    private static List<String> urls(String pathRegex) {
        return Backends.requests(pathRegex).stream().map(LoggedRequest::getUrl).toList();
    }

    private static long arrival(String pathRegex) {
        List<LoggedRequest> requests = Backends.requests(pathRegex);
        assertThat(requests).as("one request to %s", pathRegex).hasSize(1);
        return requests.get(0).getLoggedDate().getTime();
    }
}
