package dev.mosaic.gateway.support;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import reactor.core.publisher.Flux;

/**
 * The tests' HTTP client: a {@link WebTestClient} bound to a real server that reads every response
 * body in full as soon as it arrives.
 *
 * <p>A plain {@code WebTestClient} leaves a body nobody asks for ({@code .exchange().expectStatus()}
 * alone, a loop of calls whose answers are not looked at) in Reactor Netty's receive queue: those
 * pooled buffers were the {@code LEAK} reports of the test runs (their access records show the
 * client's {@code HttpClientCodec} and {@code HttpContentDecoder}, which only the test client has;
 * the gateway's own client does not decompress). Reading the body here and handing the test a copy on
 * the heap releases every pooled buffer, whatever the test asserts.
 */
public final class TestClients {

    private static final ExchangeFilterFunction READ_WHOLE_BODY = (request, next) -> next.exchange(request)
            .flatMap(response -> DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()))
                    .map(TestClients::copyAndRelease)
                    .defaultIfEmpty(new byte[0])
                    .map(bytes -> response.mutate()
                            .body(bytes.length == 0 ? Flux.empty()
                                    : Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes))))
                            .build()));

    private TestClients() {
    }

    /** A client for {@code baseUrl} that never leaves a response body unread. */
    public static WebTestClient.Builder bindToServer(String baseUrl) {
        return WebTestClient.bindToServer().baseUrl(baseUrl).filter(READ_WHOLE_BODY);
    }

    private static byte[] copyAndRelease(DataBuffer joined) {
        try {
            byte[] bytes = new byte[joined.readableByteCount()];
            joined.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(joined);
        }
    }
}
