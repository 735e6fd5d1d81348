package dev.mosaic.composer.section;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A section's data as validated raw JSON bytes, spliced into the dashboard without building a tree,
 * with a content hash for the dashboard's ETag.
 *
 * @param raw the raw JSON value
 * @param contentHash a hash of the JSON bytes
 */
public record SectionPayload(RawJson raw, long contentHash) {

    /** A payload from a slice of a backend body. */
    public static SectionPayload ofSlice(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        byte[] slice = offset == 0 && length == bytes.length ? bytes
                : Arrays.copyOfRange(bytes, offset, offset + length);
        return new SectionPayload(new RawJson(slice), crc.getValue() ^ ((long) length << 32));
    }

    /** A payload from JSON text (static defaults). */
    public static SectionPayload ofJson(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return ofSlice(bytes, 0, bytes.length);
    }

    /** A copy of the JSON bytes. */
    public byte[] bytes() {
        return raw.asUnquotedUTF8();
    }

    /** The JSON text. */
    public String json() {
        return raw.getValue();
    }
}
