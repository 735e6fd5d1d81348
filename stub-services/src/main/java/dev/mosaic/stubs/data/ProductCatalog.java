package dev.mosaic.stubs.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A fixed catalogue of {@value #SIZE} products, {@code p-1000} … {@code p-1399}, built from a constant
 * seed; orders and recommendations draw from it, so every product they name is in it, with the same
 * title. The catalog service answers from {@link #product(String)}.
 *
 * <p>List prices are quoted in {@value #CURRENCY}; an order shows the same amount in its buyer's
 * currency (a stub needs no exchange rates). Stock comes from a generator of its own, so adding it
 * changed none of the titles and prices that orders were already showing.
 */
public final class ProductCatalog {

    /** How many products exist. */
    public static final int SIZE = 400;
    /** Currency of the catalog's list prices. */
    public static final String CURRENCY = "EUR";

    private static final long SEED = 0xCA7A_10C5L;
    private static final long STOCK_SEED = 0x570C_4000L;
    private static final int IN_STOCK_PERCENT = 85;
    private static final String[] ADJECTIVES = {
        "Compact", "Wireless", "Ergonomic", "Organic", "Vintage", "Smart", "Portable", "Handmade",
        "Waterproof", "Recycled", "Classic", "Ultralight", "Modular", "Quiet", "Solar", "Ceramic"};
    private static final String[][] CATEGORIES = {
        {"Electronics", "Headphones", "Keyboard", "Speaker", "Charger", "Webcam"},
        {"Home", "Kettle", "Lamp", "Blanket", "Mug", "Plant Pot"},
        {"Outdoors", "Backpack", "Tent", "Water Bottle", "Headlamp", "Hammock"},
        {"Books", "Notebook", "Cookbook", "Atlas", "Novel", "Field Guide"},
        {"Sports", "Yoga Mat", "Running Shoes", "Jump Rope", "Bike Light", "Dumbbell Set"}};

    private final List<Product> products;
    private final Map<String, CatalogProduct> byId;

    public ProductCatalog() {
        SplittableRandom random = new SplittableRandom(SEED);
        SplittableRandom stock = new SplittableRandom(STOCK_SEED);
        List<Product> all = new ArrayList<>(SIZE);
        Map<String, CatalogProduct> entries = new LinkedHashMap<>();
        for (int i = 0; i < SIZE; i++) {
            String[] category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            String title = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " "
                    + category[1 + random.nextInt(category.length - 1)];
            BigDecimal price = BigDecimal.valueOf(random.nextInt(499, 24_999), 2).setScale(2, RoundingMode.UNNECESSARY);
            Product product = new Product(String.format(Locale.ROOT, "p-%04d", 1000 + i), title, category[0], price);
            all.add(product);
            entries.put(product.id(), new CatalogProduct(product.id(), title, new Money(price, CURRENCY),
                    stock.nextInt(100) < IN_STOCK_PERCENT));
        }
        products = List.copyOf(all);
        byId = Map.copyOf(entries);
    }

    /** The catalog entry of a product, or empty for an id that is not in the catalog. */
    public Optional<CatalogProduct> product(String productId) {
        return Optional.ofNullable(byId.get(productId));
    }

    /** Every product id, in catalog order. */
    public List<String> productIds() {
        return products.stream().map(Product::id).toList();
    }

    Product pick(SplittableRandom random) {
        return products.get(random.nextInt(products.size()));
    }
}
