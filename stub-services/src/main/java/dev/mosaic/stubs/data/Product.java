package dev.mosaic.stubs.data;

import java.math.BigDecimal;

/** A product of the fixed stub catalogue. */
record Product(String id, String title, String category, BigDecimal price) {
}
