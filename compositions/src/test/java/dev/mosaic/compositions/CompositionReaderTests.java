package dev.mosaic.compositions;

import static dev.mosaic.compositions.CompositionFiles.FILE;
import static dev.mosaic.compositions.CompositionFiles.assertRefused;
import static dev.mosaic.compositions.CompositionFiles.load;
import static dev.mosaic.compositions.CompositionFiles.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** One composition file: what it becomes, and every way it is refused (one problem: file, field, reason). */
class CompositionReaderTests {

    private static final String KNOWN_FIELDS = "unknown field (known: anonymous-internal, deadline, description, "
            + "name, owner, params, path, sections)";
    private static final String KNOWN_SECTION_FIELDS = "unknown field (known: description, fallback, get, required, "
            + "select, source, type)";

    @Test
    void readsAValidFileIntoItsComposition() {
        Composition c = load("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[A-Za-z0-9_-]{1,64}"
                owner: "{userId}"
                deadline: 900ms
                description: A profile.
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                    required: true
                  orders:
                    source: orders
                    get: /orders?userId={user.id}&limit=2
                    select: /orders
                    fallback: []
                """);

        assertThat(c.name()).isEqualTo("profile");
        assertThat(c.file()).isEqualTo(FILE);
        assertThat(c.path().text()).isEqualTo("/profile/{userId}");
        assertThat(c.params()).containsOnlyKeys("userId");
        assertThat(c.params().get("userId").pattern()).isEqualTo("[A-Za-z0-9_-]{1,64}");
        assertThat(c.owner()).isEqualTo(new OwnerRule.PathVariable("userId"));
        assertThat(c.deadline()).isEqualTo(Duration.ofMillis(900));
        assertThat(c.anonymousInternal()).isFalse();
        assertThat(c.description()).isEqualTo("A profile.");
        assertThat(c.sectionNames()).containsExactly("user", "orders");
        assertThat(c.sources()).containsExactly("user", "orders");
        SectionDefinition user = c.section("user");
        assertThat(user.required()).isTrue();
        assertThat(user.select()).as("no select: the whole body").isEmpty();
        assertThat(user.fallback()).isNull();
        assertThat(user.dependencies()).isEmpty();
        SectionDefinition orders = c.section("orders");
        assertThat(orders.required()).as("required defaults to false").isFalse();
        assertThat(orders.select()).isEqualTo("/orders");
        assertThat(orders.fallback()).isEqualTo("[]");
        assertThat(orders.dependencies()).containsExactly("user");
        assertThat(orders.request().references()).containsExactly(
                new Reference("user", List.of("id"), false, List.of()));
    }

    @Test
    void readsAFanOutReferenceWithItsElementPath() {
        Composition c = load("""
                name: order-view
                path: /order-view/{orderId}
                params:
                  orderId: "[a-z0-9-]{1,20}"
                sections:
                  order:
                    source: orders
                    get: /orders/{orderId}
                    required: true
                  products:
                    source: catalog
                    get: /products?ids={order.items[*].productId}
                """);

        Reference ref = c.section("products").request().references().get(0);
        assertThat(ref).isEqualTo(new Reference("order", List.of("items"), true,
                List.of("productId")));
        assertThat(ref).hasToString("{order.items[*].productId}");
    }

    @Test
    void refusesAnonymousInternalCallsWithASectionOwner() {
        assertRefused("""
                name: order-view
                path: /order-view/{orderId}
                params: { orderId: "[a-z0-9-]{1,20}" }
                owner: "{order.userId}"
                anonymous-internal: true
                sections:
                  order: { source: orders, get: "/orders/{orderId}", required: true }
                """, "anonymous-internal", "cannot be true with an owner from a section ({order.userId}): an anonymous "
                + "call could never be checked against it");
    }

    @Test
    void refusesASectionTypeThatIsNotAJsonType() {
        assertRefused("""
                name: profile
                path: /profile/{userId}
                params: { userId: "[a-z0-9-]{1,20}" }
                sections:
                  user: { source: user, get: "/users/{userId}", type: list }
                """, "sections.user.type", "'list' is not a JSON type: write one of any, object, array, string, "
                + "number, boolean");
    }

    @Test
    void refusesReferenceToUnknownSection() {
        assertRefused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                  orders:
                    source: orders
                    get: /orders?userId={usr.id}
                """, "sections.orders.get", "{usr.id} refers to unknown section 'usr' (sections: user, orders)");
    }

    @Test
    void refusesSectionPlaceholderWithoutField() {
        assertRefused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                  orders:
                    source: orders
                    get: /orders?userId={user}
                """, "sections.orders.get",
                "{user} names a section, not a value: name one of its fields, e.g. {user.id}");
    }

    @Test
    void refusesPlaceholderThatIsNeitherPathVariableNorSection() {
        assertRefused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  user:
                    source: user
                    get: /users/{customerId}
                """, "sections.user.get", "{customerId} is neither a path variable (userId) nor a section field");
    }

    @Test
    void refusesSectionReferringToItself() {
        assertRefused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  user:
                    source: user
                    get: /users/{user.id}
                """, "sections.user.get", "{user.id} refers to the section itself");
    }

    @Test
    void refusesCycleOfTwoSectionsNamingThePath() {
        assertRefused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  a:
                    source: user
                    get: /a?x={b.id}
                  b:
                    source: user
                    get: /b?x={a.id}
                """, "sections.a.get", "sections depend on each other in a cycle: a -> b -> a");
    }

    @Test
    void refusesCycleOfThreeSectionsNamingThePath() {
        assertRefused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  root:
                    source: user
                    get: /users/{userId}
                  a:
                    source: user
                    get: /a?x={c.id}&u={root.id}
                  b:
                    source: user
                    get: /b?x={a.id}
                  c:
                    source: user
                    get: /c?x={b.id}
                """, "sections.a.get", "sections depend on each other in a cycle: a -> c -> b -> a");
    }

    @Test
    void refusesPathVariableWithoutPattern() {
        assertRefused("""
                name: profile
                path: /profile/{userId}
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                """, "params.userId",
                "path variable {userId} has no pattern; every value must be validated, e.g. userId: \"[A-Za-z0-9_-]{1,64}\"");
    }

    @Test
    void refusesPatternThatIsNotARegularExpression() {
        assertRefused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z"
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                """, "params.userId", "not a valid regular expression: Unclosed character class");
    }

    @Test
    void refusesPathVariableWithoutPatternOnceAlthoughTheOwnerAndSectionsUseIt() {
        assertRefused("""
                name: profile
                path: /profile/{userId}
                owner: "{userId}"
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                  orders:
                    source: orders
                    get: /orders?userId={userId}
                """, "params.userId",
                "path variable {userId} has no pattern; every value must be validated, e.g. userId: \"[A-Za-z0-9_-]{1,64}\"");
    }

    @Test
    void refusesBadPathOnceAlthoughTemplatesUseItsParams() {
        assertRefused("""
                name: profile
                path: profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                """, "path", "must start with '/' and name at least one segment, e.g. /profile/{userId}");
    }

    @Test
    void refusesParamThatIsNotAPathVariable() {
        assertRefused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                  limit: "[0-9]+"
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                """, "params.limit", "not a variable of path /profile/{userId}");
    }

    @Test
    void refusesSelectThatIsNotAJsonPointer() {
        assertRefused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                    select: items
                """, "sections.user.select", "'items' is not a JSON Pointer (RFC 6901): write \"\" for the whole "
                + "body or e.g. /items; '~' must be followed by 0 or 1");
    }

    @Test
    void refusesSelectWithBadTildeEscape() {
        InvalidCompositionException e = refused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                    select: /a~2b
                """);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("sections.user.select");
            assertThat(p.reason()).startsWith("'/a~2b' is not a JSON Pointer");
        });
    }

    @Test
    void refusesFallbackThatIsAYamlTimestamp() {
        assertRefused(withFallback("2024-05-01"), "sections.user.fallback",
                "not JSON: '2024-05-01T00:00:00Z' is a YAML timestamp, which JSON has not; quote it");
    }

    @Test
    void refusesFallbackThatIsNotANumber() {
        assertRefused(withFallback("{ score: .nan }"), "sections.user.fallback", "not JSON: 'NaN' has no JSON form");
    }

    @Test
    void refusesFallbackWithANonTextKey() {
        assertRefused(withFallback("{ 1: one }"), "sections.user.fallback", "not JSON: key '1' is not a text; quote it");
    }

    @Test
    void refusesNullFallback() {
        assertRefused(withFallback("null"), "sections.user.fallback",
                "not JSON: null is no fallback; leave the field out for none");
    }

    @Test
    void writesFallbackAsJson() {
        Composition c = load(withFallback("{ name: Guest, tier: null, score: 1.5, tags: [a, 2, true] }"));

        assertThat(c.section("user").fallback()).isEqualTo(
                "{\"name\":\"Guest\",\"tier\":null,\"score\":1.5,\"tags\":[\"a\",2,true]}");
    }

    private static String withFallback(String fallback) {
        return """
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                    fallback: %s
                """.formatted(fallback);
    }

    @Test
    void refusesYamlSyntaxErrorShowingLineAndColumn() {
        InvalidCompositionException e = refused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: [a-z
                sections: {}
                """);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(FILE);
            assertThat(p.field()).isEmpty();
            assertThat(p.reason()).startsWith("not valid YAML at line 5, column 9: ");
        });
        assertThat(e.getMessage()).startsWith("Invalid composition: " + FILE + ": not valid YAML at line 5, column 9: ");
    }

    @Test
    void refusesUnknownTopLevelField() {
        assertRefused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                timeout: 2s
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                """, "timeout", KNOWN_FIELDS);
    }

    @Test
    void refusesMisspelledSectionFieldInsteadOfMakingItOptional() {
        assertRefused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                    requried: true
                """, "sections.user.requried", KNOWN_SECTION_FIELDS);
    }

    @Test
    void refusesBadName() {
        assertRefused("""
                name: My_Profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                """, "name", "'My_Profile' must match [a-z][a-z0-9-]{0,39}");
    }

    @Test
    void refusesMissingName() {
        assertRefused("""
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                """, "name", "missing");
    }

    @Test
    void refusesDeadlineThatIsNotADuration() {
        assertRefused(withDeadline("1.5s"), "deadline", "'1.5s' is not a duration: write e.g. 900ms or 2s");
    }

    @Test
    void refusesDeadlineOfZero() {
        assertRefused(withDeadline("0ms"), "deadline", "must be more than 0 and at most 60s");
    }

    @Test
    void refusesDeadlineOverOneMinute() {
        assertRefused(withDeadline("61s"), "deadline", "must be more than 0 and at most 60s");
    }

    @Test
    void acceptsDeadlineInSeconds() {
        assertThat(load(withDeadline("2s")).deadline()).isEqualTo(Duration.ofSeconds(2));
    }

    private static String withDeadline(String deadline) {
        return """
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                deadline: %s
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                """.formatted(deadline);
    }

    @Test
    void refusesOwnerThatIsNotAPathVariable() {
        assertRefused(withOwner("\"{customerId}\""), "owner", "{customerId} is not a path variable (orderId)");
    }

    @Test
    void refusesFanOutOwner() {
        assertRefused(withOwner("\"{order.items[*].userId}\""), "owner",
                "{order.items[*].userId} names many values; an owner is one value");
    }

    @Test
    void refusesOwnerInOptionalSection() {
        assertRefused(withOwner("\"{user.id}\""), "owner", "section 'user' holds the owner, so it must be "
                + "required: true (without it nobody's data could be checked)");
    }

    @Test
    void refusesOwnerInASectionWithAFallback() {
        assertRefused(withOwner("\"{order.userId}\"").replace("required: true", "required: true\n    fallback: {}"),
                "owner", "section 'order' holds the owner, so it must not have a fallback (the owner must come "
                        + "from the backend's answer, not from static data)");
    }

    @Test
    void refusesOwnerInUnknownSection() {
        assertRefused(withOwner("\"{customer.id}\""), "owner",
                "{customer.id} refers to unknown section 'customer' (sections: order, user)");
    }

    @Test
    void refusesOwnerThatIsNotOnePlaceholder() {
        assertRefused(withOwner("\"u-{orderId}\""), "owner",
                "'u-{orderId}' must be one placeholder: \"{userId}\" or \"{order.userId}\"");
    }

    @Test
    void readsOwnerFromARequiredSection() {
        assertThat(load(withOwner("\"{order.userId}\"")).owner()).isEqualTo(new OwnerRule.SectionField(
                new Reference("order", List.of("userId"), false, List.of())));
    }

    private static String withOwner(String owner) {
        return """
                name: order-view
                path: /order-view/{orderId}
                params:
                  orderId: "[a-z0-9-]{1,20}"
                owner: %s
                sections:
                  order:
                    source: orders
                    get: /orders/{orderId}
                    required: true
                  user:
                    source: user
                    get: /users/{order.userId}
                """.formatted(owner);
    }

    @Test
    void refusesFileWithoutSections() {
        assertRefused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                """, "sections", "must map at least one section name to its source and get");
    }

    @Test
    void refusesEmptyFile() {
        assertRefused("", "", "must be a YAML mapping with name, path, params and sections");
    }

    @Test
    void refusesSectionThatIsNotAMapping() {
        assertRefused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  user: /users/{userId}
                """, "sections.user", "must be a mapping with source and get");
    }

    @Test
    void refusesSectionWithoutSourceOrGet() {
        InvalidCompositionException e = refused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  user:
                    required: true
                """);

        assertThat(e.problems()).containsExactly(
                new CompositionProblem(FILE, "sections.user.source", "missing"),
                new CompositionProblem(FILE, "sections.user.get", "missing"));
    }

    @Test
    void refusesSectionNamedMeta() {
        assertRefused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  meta:
                    source: user
                    get: /users/{userId}
                """, "sections.meta", "'meta' is taken by the response's meta");
    }

    @Test
    void refusesSectionNamedLikeAPathVariable() {
        assertRefused("""
                name: profile
                path: /profile/{user}
                params:
                  user: "[a-z0-9-]{1,20}"
                sections:
                  user:
                    source: user
                    get: /users/{user}
                """, "sections.user", "'user' is taken by a path variable");
    }

    @Test
    void refusesRequestThatIsNotAPath() {
        assertRefused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  user:
                    source: user
                    get: http://elsewhere/users/{userId}
                """, "sections.user.get", "must be a path on the source, starting with '/', without spaces or '#', "
                + "e.g. /orders?userId={userId}");
    }

    @Test
    void refusesUnclosedPlaceholder() {
        assertRefused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  user:
                    source: user
                    get: /users/{userId
                """, "sections.user.get", "'{' at position 7 is never closed");
    }

    @Test
    void refusesPathWithPartialSegmentVariable() {
        assertRefused("""
                name: profile
                path: /profile/u-{userId}
                sections:
                  user:
                    source: user
                    get: /users/1
                """, "path", "segment 'u-{userId}' must be a literal of letters, digits and '-._~' or a "
                + "whole-segment {variable}");
    }

    @Test
    void refusesDuplicateKeyInsteadOfKeepingTheLastOne() {
        InvalidCompositionException e = refused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                    required: true
                  user:
                    source: user
                    get: /users/{userId}/public
                """);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEmpty();
            assertThat(p.reason()).isEqualTo("not valid YAML at line 10, column 3: found duplicate key user");
        });
    }

    @Test
    void refusesUnquotedOwnerSayingToQuoteIt() {
        assertRefused(withOwner("{orderId}"), "owner",
                "is a YAML mapping; quote a placeholder that starts a value: owner: \"{orderId}\"");
    }

    @Test
    void refusesUnquotedPlaceholderAsGetSayingToQuoteIt() {
        assertRefused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  user:
                    source: user
                    get: {userId}
                """, "sections.user.get",
                "must be a text, not a YAML mapping; quote a placeholder that starts a value: \"{userId}\"");
    }

    @Test
    void refusesPathNamingAVariableTwice() {
        assertRefused("""
                name: profile
                path: /profile/{userId}/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                """, "path", "{userId} appears twice; every path variable needs its own name");
    }

    @Test
    void refusesPathVariableNamedMeta() {
        assertRefused("""
                name: profile
                path: /profile/{meta}
                params:
                  meta: "[a-z0-9-]{1,20}"
                sections:
                  user:
                    source: user
                    get: /users/{meta}
                """, "path", "{meta} is taken by the response's meta; rename the variable");
    }

    @Test
    void refusesPatternThatIsNotAText() {
        assertRefused("""
                name: profile
                path: /profile/{userId}
                params:
                  userId: [a-z]
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                """, "params.userId", "must be a regular expression in quotes, not a list, e.g. userId: "
                + "\"[A-Za-z0-9_-]{1,64}\"");
    }

    @Test
    void reportsCycleAlongWithOtherProblems() {
        InvalidCompositionException e = refused("""
                name: Profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  a:
                    source: user
                    get: /a?x={b.id}
                  b:
                    source: user
                    get: /b?x={a.id}
                """);

        assertThat(e.problems()).extracting(CompositionProblem::field, CompositionProblem::reason).containsExactly(
                tuple("name", "'Profile' must match [a-z][a-z0-9-]{0,39}"),
                tuple("sections.a.get",
                        "sections depend on each other in a cycle: a -> b -> a"));
    }

    @Test
    void listsEveryProblemOfAFileAtOnce() {
        InvalidCompositionException e = refused("""
                name: Profile
                path: /profile/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                    requried: true
                  orders:
                    source: orders
                    get: /orders?userId={usr.id}
                    select: orders
                """);

        assertThat(e.problems()).extracting(CompositionProblem::field).containsExactly(
                "name", "sections.user.requried", "sections.orders.get", "sections.orders.select");
        assertThat(e.getMessage()).startsWith("Invalid compositions (4 problems):\n")
                .contains("\n  - " + FILE + ": name: 'Profile' must match")
                .contains("\n  - " + FILE + ": sections.user.requried: unknown field")
                .contains("\n  - " + FILE + ": sections.orders.get: {usr.id} refers to unknown section 'usr'")
                .contains("\n  - " + FILE + ": sections.orders.select: 'orders' is not a JSON Pointer");
    }
}
