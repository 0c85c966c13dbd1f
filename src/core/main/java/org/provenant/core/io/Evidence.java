package org.provenant.core.io;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The evidence file as it was read: its path, SHA-256, sniffed format and bytes. File-level indicators
 * (metadata, JPEG structure, Content Credentials) read it; nothing ever writes it. The bytes are held in memory
 * and handed out read-only, so no indicator can change what another one sees.
 */
public final class Evidence {
    private final Path path;
    private final String sha256;
    private final ImageFormat format;
    private final byte[] bytes;

    public Evidence(Path path, String sha256, ImageFormat format, byte[] bytes) {
        this.path = path;
        this.sha256 = sha256;
        this.format = format;
        this.bytes = bytes;
    }

    /** Evidence made from bytes in memory (tests, re-encoded images): its hash is computed here. */
    public static Evidence ofBytes(Path nameForMessages, byte[] bytes) {
        return new Evidence(nameForMessages, ImageLoader.sha256(bytes), ImageFormat.sniff(bytes), bytes.clone());
    }

    public Path path() { return path; }

    public String sha256() { return sha256; }

    /** The format recognised from the magic bytes (never from the file name); null when unknown. */
    public ImageFormat format() { return format; }

    public int size() { return bytes.length; }

    /** A read-only view of the file's bytes. */
    public ByteBuffer bytes() { return ByteBuffer.wrap(bytes).asReadOnlyBuffer(); }

    /** A stream over the file's bytes (a fresh one on each call). */
    public InputStream openStream() { return new ByteArrayInputStream(bytes); }

    /** A copy of the bytes, for a library that wants an array; costs the file's size. */
    public byte[] copyOfBytes() { return bytes.clone(); }
}
