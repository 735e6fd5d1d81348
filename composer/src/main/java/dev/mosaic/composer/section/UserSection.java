package dev.mosaic.composer.section;

import java.net.URI;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The user profile ({@code GET /users/{id}}): required by default, the whole body is the field. */
@Component
@Order(1)
final class UserSection implements Section {

    @Override
    public String name() {
        return "user";
    }

    @Override
    public boolean requiredByDefault() {
        return true;
    }

    @Override
    public URI uri(String baseUrl, String userId) {
        return URI.create(baseUrl + "/users/" + userId);
    }

    @Override
    public SectionPayload extract(byte[] body) {
        return JsonSlices.object(body);
    }
}
