package dev.mosaic.stubs.data;

import java.math.BigDecimal;

/** An amount with two decimals in an ISO 4217 currency, e.g. {@code {"amount":129.97,"currency":"EUR"}}. */
public record Money(BigDecimal amount, String currency) {
}
