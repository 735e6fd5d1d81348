package dev.mosaic.stubs.data;

/** One recommended product; {@code score} in (0, 1], higher is better. */
public record Recommendation(String productId, String title, double score, String reason) {
}
