package dev.mosaic.stubs.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * The stub backends' data: users {@code u-1} … {@code u-1000}, each with a profile, 0–12 orders
 * (newest first) and 10 recommendations (best first), all naming products of one
 * {@link ProductCatalog}. Everything is derived from the user's number alone, with a generator
 * seeded from it, so the same id yields the same content in every run and every instance; nothing
 * depends on the clock or on global randomness.
 *
 * <p>An order id names its owner: {@code o-42-03} is user 42's third order, counted from the oldest
 * ({@code o-<user>-<two-digit sequence>}), so {@link #order(String)} finds it without an index.
 *
 * <pre>{@code
 * SeededUsers users = new SeededUsers();
 * users.number("u-42").ifPresent(n -> users.orders(n));
 * users.order("o-42-01").map(OwnedOrder::userId); // "u-42", if u-42 has an order
 * }</pre>
 */
public final class SeededUsers {

    /** How many users exist. */
    public static final int COUNT = 1000;
    /** The most orders a user has. */
    public static final int MAX_ORDERS = 12;
    /** How many recommendations every user has. */
    public static final int RECOMMENDATIONS = 10;

    /** Orders are dated back from this fixed instant, not from "now", to stay deterministic. */
    static final Instant ANCHOR = Instant.parse("2026-01-01T09:00:00Z");

    private static final Pattern USER_ID = Pattern.compile("u-([1-9][0-9]{0,3})");
    private static final Pattern ORDER_ID = Pattern.compile("o-([1-9][0-9]{0,3})-([0-9]{2})");
    private static final long PROFILE_SALT = 0x5EED_0001L;
    private static final long ORDERS_SALT = 0x5EED_0002L;
    private static final long RECOMMENDATIONS_SALT = 0x5EED_0003L;

    private static final String[] FIRST_NAMES = {
        "Ada", "Alan", "Grace", "Linus", "Barbara", "Dennis", "Margaret", "Ken", "Radia", "Tim",
        "Frances", "Edsger", "Katherine", "Donald", "Hedy", "John", "Sophie", "Niklaus", "Anita", "Bjarne",
        "Joan", "Guido", "Lynn", "James", "Karen", "Leslie", "Shafi", "Tony", "Mary", "Vint",
        "Jean", "Robin", "Evelyn", "Yukihiro", "Carol", "Andrew", "Susan", "Brian", "Ida", "Rasmus"};
    private static final String[] LAST_NAMES = {
        "Lovelace", "Turing", "Hopper", "Torvalds", "Liskov", "Ritchie", "Hamilton", "Thompson", "Perlman",
        "Berners-Lee", "Allen", "Dijkstra", "Johnson", "Knuth", "Lamarr", "McCarthy", "Wilson", "Wirth", "Borg",
        "Stroustrup", "Clarke", "van Rossum", "Conway", "Gosling", "Jones", "Lamport", "Goldwasser", "Hoare",
        "Keller", "Cerf", "Sammet", "Milner", "Boyd", "Matsumoto", "Shaw", "Tanenbaum", "Kare", "Kernighan",
        "Rhodes", "Lerdorf"};
    private static final String[] CURRENCIES = {"EUR", "EUR", "USD", "USD", "GBP"};
    private static final LocalDate FIRST_MEMBER_DAY = LocalDate.of(2012, 1, 1);
    private static final int MEMBER_DAYS = 5100;

    private final ProductCatalog catalog = new ProductCatalog();

    /**
     * The number of a seeded user: {@code "u-42"} → 42. Empty for anything else, including
     * well-formed ids of users that do not exist ({@code u-0}, {@code u-1001}, {@code u-042}).
     */
    public OptionalInt number(String userId) {
        if (userId == null) {
            return OptionalInt.empty();
        }
        var matcher = USER_ID.matcher(userId);
        if (!matcher.matches()) {
            return OptionalInt.empty();
        }
        int n = Integer.parseInt(matcher.group(1));
        return n <= COUNT ? OptionalInt.of(n) : OptionalInt.empty();
    }

    /**
     * The order with this id, with its owner, or empty for anything that is not the id of an existing
     * order ({@code o-42-00}, {@code o-42-3}, {@code o-1001-01}, or a sequence past the user's orders).
     */
    public Optional<OwnedOrder> order(String orderId) {
        if (orderId == null) {
            return Optional.empty();
        }
        var matcher = ORDER_ID.matcher(orderId);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int n = Integer.parseInt(matcher.group(1));
        int sequence = Integer.parseInt(matcher.group(2));
        if (n > COUNT) {
            return Optional.empty();
        }
        List<Order> orders = orders(n);
        if (sequence < 1 || sequence > orders.size()) {
            return Optional.empty();
        }
        return Optional.of(OwnedOrder.of(id(n), orders.get(orders.size() - sequence)));
    }

    /** The catalog every order item and recommendation is drawn from. */
    public ProductCatalog catalog() {
        return catalog;
    }

    /** The profile of user {@code n} (1 … {@value #COUNT}). */
    public UserProfile user(int n) {
        SplittableRandom random = random(n, PROFILE_SALT);
        String first = pick(random, FIRST_NAMES);
        String last = pick(random, LAST_NAMES);
        String email = (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "") + n + "@example.com";
        return new UserProfile(id(n), first + " " + last, email, tier(random),
                FIRST_MEMBER_DAY.plusDays(random.nextInt(MEMBER_DAYS)));
    }

    /** The orders of user {@code n}, newest first; between 0 and {@value #MAX_ORDERS}. */
    public List<Order> orders(int n) {
        SplittableRandom random = random(n, ORDERS_SALT);
        String currency = currency(n);
        int count = random.nextInt(MAX_ORDERS + 1);
        List<Order> orders = new ArrayList<>(count);
        Instant placedAt = ANCHOR.minus(Duration.ofMinutes(random.nextLong(30, 60L * 24 * 20)));
        for (int k = 0; k < count; k++) {
            List<OrderItem> items = items(random, currency);
            BigDecimal total = items.stream()
                    .map(i -> i.unitPrice().amount().multiply(BigDecimal.valueOf(i.quantity())))
                    .reduce(BigDecimal.ZERO, BigDecimal::add)
                    .setScale(2, RoundingMode.HALF_UP);
            String orderId = String.format(Locale.ROOT, "o-%d-%02d", n, count - k);
            orders.add(new Order(orderId, status(random, k), placedAt, new Money(total, currency), items));
            placedAt = placedAt.minus(Duration.ofMinutes(random.nextLong(60L * 24 * 3, 60L * 24 * 60)));
        }
        return List.copyOf(orders);
    }

    /** The {@value #RECOMMENDATIONS} recommendations of user {@code n}, highest score first. */
    public List<Recommendation> recommendations(int n) {
        SplittableRandom random = random(n, RECOMMENDATIONS_SALT);
        List<Order> orders = orders(n);
        Set<Product> products = new LinkedHashSet<>();
        while (products.size() < RECOMMENDATIONS) {
            products.add(catalog.pick(random));
        }
        List<Recommendation> recommendations = new ArrayList<>(RECOMMENDATIONS);
        for (Product product : products) {
            double score = BigDecimal.valueOf(random.nextDouble(0.30, 0.99))
                    .setScale(3, RoundingMode.HALF_UP).doubleValue();
            recommendations.add(new Recommendation(product.id(), product.title(), score,
                    reason(random, product, orders, user(n).tier())));
        }
        recommendations.sort(Comparator.comparingDouble(Recommendation::score).reversed()
                .thenComparing(Recommendation::productId));
        return List.copyOf(recommendations);
    }

    private List<OrderItem> items(SplittableRandom random, String currency) {
        int count = 1 + random.nextInt(4);
        List<OrderItem> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Product product = catalog.pick(random);
            items.add(new OrderItem(product.id(), product.title(), 1 + random.nextInt(3),
                    new Money(product.price(), currency)));
        }
        return List.copyOf(items);
    }

    private static String status(SplittableRandom random, int ageRank) {
        int roll = random.nextInt(100);
        if (ageRank == 0) {
            return roll < 40 ? "PROCESSING" : roll < 75 ? "SHIPPED" : "DELIVERED";
        }
        if (ageRank == 1) {
            return roll < 25 ? "SHIPPED" : roll < 92 ? "DELIVERED" : "CANCELLED";
        }
        return roll < 88 ? "DELIVERED" : roll < 95 ? "CANCELLED" : "RETURNED";
    }

    private static String tier(SplittableRandom random) {
        int roll = random.nextInt(100);
        return roll < 45 ? "BRONZE" : roll < 75 ? "SILVER" : roll < 93 ? "GOLD" : "PLATINUM";
    }

    private static String reason(SplittableRandom random, Product product, List<Order> orders, String tier) {
        int roll = random.nextInt(4);
        if (roll == 0 && !orders.isEmpty()) {
            Order order = orders.get(random.nextInt(orders.size()));
            return "Because you bought " + order.items().get(0).title();
        }
        return switch (roll) {
            case 1 -> "Popular with " + tier.charAt(0) + tier.substring(1).toLowerCase(Locale.ROOT) + " members";
            case 2 -> "Trending in " + product.category();
            default -> "Frequently bought together";
        };
    }

    private static String currency(int n) {
        return CURRENCIES[Math.floorMod(n * 31 + 7, CURRENCIES.length)];
    }

    private static String id(int n) {
        return "u-" + n;
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static SplittableRandom random(int n, long salt) {
        return new SplittableRandom(salt * 1_000_003L + n);
    }
}
