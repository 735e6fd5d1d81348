package dev.mosaic.composer.tracing;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The W3C {@code traceparent} header ({@code 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>}):
 * validation, its parts, and new random ids, without allocating more than the strings returned.
 *
 * <pre>{@code
 * TraceParent.isValid("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");   // true
 * TraceParent.format(TraceParent.newTraceId(), TraceParent.newSpanId(), false);      // "00-…-…-00"
 * }</pre>
 */
public final class TraceParent {

    /** Header name. */
    public static final String HEADER = "traceparent";

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int LENGTH = 55;

    private TraceParent() {
    }

    /** Whether {@code value} is a well-formed {@code traceparent} with non-zero ids. */
    public static boolean isValid(String value) {
        if (value == null || value.length() < LENGTH || value.charAt(2) != '-'
                || value.charAt(35) != '-' || value.charAt(52) != '-'
                || (value.length() > LENGTH && value.charAt(LENGTH) != '-')) {
            return false;
        }
        return isHex(value, 0, 2) && !value.startsWith("ff") && isNonZeroHex(value, 3, 35)
                && isNonZeroHex(value, 36, 52) && isHex(value, 53, 55);
    }

    /** The trace id of a {@linkplain #isValid valid} value. */
    public static String traceId(String valid) {
        return valid.substring(3, 35);
    }

    /** The parent span id of a {@linkplain #isValid valid} value. */
    public static String spanId(String valid) {
        return valid.substring(36, 52);
    }

    /** Whether a {@linkplain #isValid valid} value has the {@code sampled} flag set. */
    public static boolean sampled(String valid) {
        return (Character.digit(valid.charAt(54), 16) & 1) == 1;
    }

    /** A {@code traceparent} of version {@code 00}. */
    public static String format(String traceId, String spanId, boolean sampled) {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    /** A new random 128-bit trace id as 32 lower-case hex digits, never all zeros. */
    public static String newTraceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong();
        long low = random.nextLong();
        if (high == 0 && low == 0) {
            low = 1;
        }
        char[] id = new char[32];
        hex(high, id, 0);
        hex(low, id, 16);
        return new String(id);
    }

    /** A new random 64-bit span id as 16 lower-case hex digits, never all zeros. */
    public static String newSpanId() {
        long value = ThreadLocalRandom.current().nextLong();
        char[] id = new char[16];
        hex(value == 0 ? 1 : value, id, 0);
        return new String(id);
    }

    private static void hex(long value, char[] into, int offset) {
        for (int i = 0; i < 16; i++) {
            into[offset + 15 - i] = HEX[(int) (value >>> (i * 4)) & 0xf];
        }
    }

    private static boolean isNonZeroHex(String s, int from, int to) {
        boolean nonZero = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isHexChar(c)) {
                return false;
            }
            nonZero |= c != '0';
        }
        return nonZero;
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isHexChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHexChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
}
