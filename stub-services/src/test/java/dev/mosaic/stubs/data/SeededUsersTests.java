package dev.mosaic.stubs.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SeededUsersTests {

    private final SeededUsers users = new SeededUsers();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 42, 500, 999, 1000})
    void sameUserYieldsIdenticalDataFromTwoIndependentGenerators(int n) {
        SeededUsers other = new SeededUsers();

        assertThat(other.user(n)).isEqualTo(users.user(n));
        assertThat(other.orders(n)).isEqualTo(users.orders(n));
        assertThat(other.recommendations(n)).isEqualTo(users.recommendations(n));
    }

    @Test
    void knowsExactlyTheUsersOneToOneThousand() {
        assertThat(users.number("u-1")).hasValue(1);
        assertThat(users.number("u-1000")).hasValue(1000);
        for (String unknown : new String[] {"u-0", "u-1001", "u-042", "U-1", "u-", "42", "", "u-1 ", "u-99999"}) {
            assertThat(users.number(unknown)).as(unknown).isEmpty();
        }
    }

    @Test
    void profilesLookRealAndCarryTheirOwnId() {
        for (int n : new int[] {1, 7, 300, 1000}) {
            UserProfile user = users.user(n);
            assertThat(user.id()).isEqualTo("u-" + n);
            assertThat(user.name()).matches("[A-Z][a-z]+ [A-Za-z -]+");
            assertThat(user.email()).matches("[a-z.]+" + n + "@example\\.com");
            assertThat(user.tier()).isIn("BRONZE", "SILVER", "GOLD", "PLATINUM");
            assertThat(user.memberSince()).isBetween(LocalDate.of(2012, 1, 1), LocalDate.of(2026, 1, 1));
        }
    }

    @Test
    void ordersAreNewestFirstAndTotalsAddUp() {
        for (int n = 1; n <= SeededUsers.COUNT; n += 37) {
            List<Order> orders = users.orders(n);
            assertThat(orders).hasSizeBetween(0, SeededUsers.MAX_ORDERS);
            assertThat(orders).isSortedAccordingTo(Comparator.comparing(Order::placedAt).reversed());
            for (Order order : orders) {
                assertThat(order.placedAt()).isBefore(SeededUsers.ANCHOR);
                assertThat(order.items()).isNotEmpty().allSatisfy(item -> {
                    assertThat(item.quantity()).isPositive();
                    assertThat(item.unitPrice().currency()).isEqualTo(order.total().currency());
                });
                BigDecimal sum = order.items().stream()
                        .map(i -> i.unitPrice().amount().multiply(BigDecimal.valueOf(i.quantity())))
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(order.total().amount()).isEqualByComparingTo(sum);
            }
        }
    }

    @Test
    void everyUserHasTenDistinctRecommendationsBestFirst() {
        for (int n = 1; n <= SeededUsers.COUNT; n += 41) {
            List<Recommendation> items = users.recommendations(n);
            assertThat(items).hasSize(SeededUsers.RECOMMENDATIONS);
            assertThat(items).extracting(Recommendation::productId).doesNotHaveDuplicates();
            assertThat(items).isSortedAccordingTo(Comparator.comparingDouble(Recommendation::score).reversed());
            assertThat(items).allSatisfy(r -> {
                assertThat(r.score()).isBetween(0.0, 1.0);
                assertThat(r.reason()).isNotBlank();
            });
        }
    }

    @Test
    void populationSpansTheWholeRangeOfOrderCountsAndTiers() {
        Set<Integer> orderCounts = new HashSet<>();
        Set<String> tiers = new HashSet<>();
        IntStream.rangeClosed(1, SeededUsers.COUNT).forEach(n -> {
            orderCounts.add(users.orders(n).size());
            tiers.add(users.user(n).tier());
        });

        assertThat(orderCounts).contains(0, SeededUsers.MAX_ORDERS);
        assertThat(tiers).containsExactlyInAnyOrder("BRONZE", "SILVER", "GOLD", "PLATINUM");
    }

    @Test
    void everyOrderIsFoundByItsIdWithItsOwner() {
        for (int n = 1; n <= SeededUsers.COUNT; n += 7) {
            for (Order order : users.orders(n)) {
                assertThat(users.order(order.id())).as(order.id())
                        .hasValue(OwnedOrder.of("u-" + n, order));
            }
        }
    }

    @Test
    void idsThatNameNoOrderFindNothing() {
        int withTwelve = IntStream.rangeClosed(1, SeededUsers.COUNT)
                .filter(n -> users.orders(n).size() == SeededUsers.MAX_ORDERS).findFirst().orElseThrow();
        int withNone = IntStream.rangeClosed(1, SeededUsers.COUNT)
                .filter(n -> users.orders(n).isEmpty()).findFirst().orElseThrow();

        assertThat(users.order("o-" + withTwelve + "-12")).isPresent();
        for (String unknown : new String[] {"o-" + withTwelve + "-13", "o-" + withTwelve + "-00", "o-" + withNone + "-01",
                "o-1001-01", "o-0-01", "o-01-01", "o-1-1", "o-1-001", "u-1", "", "o-1-01 "}) {
            assertThat(users.order(unknown)).as(unknown).isEmpty();
        }
        assertThat(users.order(null)).isEmpty();
    }
}
