package dev.mosaic.stubs.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** A fixed catalogue of 400 products, built from a constant seed, that orders and recommendations draw from. */
final class ProductCatalog {

    private static final int SIZE = 400;
    private static final long SEED = 0xCA7A_10C5L;
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

    ProductCatalog() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<Product> all = new ArrayList<>(SIZE);
        for (int i = 0; i < SIZE; i++) {
            String[] category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            String title = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " "
                    + category[1 + random.nextInt(category.length - 1)];
            BigDecimal price = BigDecimal.valueOf(random.nextInt(499, 24_999), 2).setScale(2, RoundingMode.UNNECESSARY);
            all.add(new Product(String.format(Locale.ROOT, "p-%04d", 1000 + i), title, category[0], price));
        }
        products = List.copyOf(all);
    }

    Product pick(SplittableRandom random) {
        return products.get(random.nextInt(products.size()));
    }
}
