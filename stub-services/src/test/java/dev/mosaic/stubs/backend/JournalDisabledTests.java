package dev.mosaic.stubs.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import dev.mosaic.stubs.StubClient;
import dev.mosaic.stubs.StubServicesIntegrationTest;
import dev.mosaic.stubs.StubServicesTest;
import org.junit.jupiter.api.Test;

/** Without {@code mosaic.stubs.journal-enabled} (the default) there is no journal to read or clear. */
@StubServicesTest
class JournalDisabledTests extends StubServicesIntegrationTest {

    @Test
    void journalIsNotFoundWhenTheBackendsKeepNone() {
        for (String method : new String[] {"GET", "DELETE"}) {
            HttpResponse<String> response = client.control(method, "/journal/user", null);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(StubClient.json(response).get("type").stringValue()).isEqualTo("urn:mosaic:problem:journal-disabled");
        }
    }
}
