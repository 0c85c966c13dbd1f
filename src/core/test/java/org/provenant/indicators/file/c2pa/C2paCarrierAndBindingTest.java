package org.provenant.indicators.file.c2pa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The PNG and WebP carriers (no fixture of the reference set carries a store in them, so C.jpg's store is embedded
 * in a caBX / C2PA chunk here: its signature still holds, its data hash, made for C.jpg, must not) and the box hash
 * (no fixture uses one: the assertion is built here over a fixture's segments).
 */
class C2paCarrierAndBindingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static byte[] storeOf(String jpeg) {
        return Carrier.find(C2paFixtures.bytes(jpeg)).store();
    }

    static byte[] pngWith(byte[] png, byte[] store) {
        int iend = png.length - 12;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, iend);
        out.writeBytes(ByteBuffer.allocate(4).putInt(store.length).array());
        byte[] typeAndData = new byte[4 + store.length];
        System.arraycopy("caBX".getBytes(), 0, typeAndData, 0, 4);
        System.arraycopy(store, 0, typeAndData, 4, store.length);
        out.writeBytes(typeAndData);
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        out.write(png, iend, 12);
        return out.toByteArray();
    }

    static byte[] webpWith(byte[] webp, byte[] store) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(webp, 0, webp.length);
        out.writeBytes("C2PA".getBytes());
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(store.length).array());
        out.writeBytes(store);
        if ((store.length & 1) == 1) out.write(0);
        byte[] b = out.toByteArray();
        ByteBuffer.wrap(b, 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length - 8);
        return b;
    }

    /** Finds the store in the carrier file exactly as embedded and reads it. */
    static C2paReport carried(byte[] file, byte[] store, String container) {
        Carrier c = Carrier.find(file);
        assertEquals(container, c.container());
        assertArrayEquals(store, c.store());
        return C2paReader.read(file);
    }

    @Test
    void pngCaBXChunkIsFoundAndValidated() {
        byte[] store = storeOf("C.jpg");
        C2paReport r = carried(pngWith(C2paFixtures.bytes("libpng-test.png"), store), store, "PNG");
        assertTrue(r.hasCode("claimSignature.validated"));
        assertTrue(r.hasCode("assertion.dataHash.mismatch"), "C.jpg's data hash cannot match a PNG");
    }

    @Test
    void webpC2paChunkIsFoundAndValidated() {
        byte[] store = storeOf("CACA.jpg");
        C2paReport r = carried(webpWith(C2paFixtures.bytes("sample1.webp"), store), store, "WebP");
        assertEquals(2, r.manifests().size());
        assertTrue(r.hasCode("ingredient.manifest.validated"));
        assertTrue(r.hasCode("assertion.dataHash.mismatch"));
    }

    @Test
    void jpegStoreIsReassembledFromItsSegmentsInSequenceOrder() {
        byte[] b = C2paFixtures.bytes("CACA.jpg");   // four APP11 segments
        byte[] store = Carrier.find(b).store();
        assertEquals(ByteBuffer.wrap(store, 0, 4).getInt(), store.length, "the reassembled superbox is exactly as long as it says");
        // swap the 2nd and 3rd APP11 segments (same length): reassembly by sequence number must give the same store
        List<HardBinding.Segment> segs = HardBinding.jpegSegments(b);
        assertEquals("C2PA", segs.get(2).name());
        assertEquals(20, segs.get(2).start());
        // the APP11 segments start at bytes 20, 64032, 128052, 192072; the 2nd and 3rd are 64020 bytes each
        int s2 = 64032, s3 = 128052, len = 64018 + 2;
        assertEquals(0xeb, b[s2 + 1] & 0xff);
        assertEquals(0xeb, b[s3 + 1] & 0xff);
        assertEquals(2, b[s2 + 11]);
        assertEquals(3, b[s3 + 11]);
        byte[] swapped = b.clone();
        System.arraycopy(b, s2, swapped, s3, len);
        System.arraycopy(b, s3, swapped, s2, len);
        assertArrayEquals(store, Carrier.find(swapped).store());
    }

    @Test
    void jpegSegmentsTileTheFile() {
        byte[] b = C2paFixtures.bytes("C.jpg");
        List<HardBinding.Segment> segs = HardBinding.jpegSegments(b);
        assertEquals("SOI", segs.get(0).name());
        assertEquals("EOI", segs.get(segs.size() - 1).name());
        assertEquals(b.length, segs.get(segs.size() - 1).end());
        for (int i = 1; i < segs.size(); i++) assertEquals(segs.get(i - 1).end(), segs.get(i).start(), segs.get(i).name());
        assertTrue(segs.stream().anyMatch(s -> s.name().equals("C2PA") && s.start() == 20));
        assertTrue(segs.stream().anyMatch(s -> s.name().equals("SOS")));
    }

    /** A box-hash assertion over every segment of C.jpg (SHA-256 of each segment's bytes), the C2PA segment skipped. */
    static ObjectNode boxHashOf(byte[] b) throws Exception {
        ObjectNode a = JSON.createObjectNode();
        a.put("alg", "sha256");
        ArrayNode boxes = a.putArray("boxes");
        for (HardBinding.Segment s : HardBinding.jpegSegments(b)) {
            ObjectNode box = boxes.addObject();
            box.putArray("names").add(s.name());
            byte[] h = MessageDigest.getInstance("SHA-256").digest(java.util.Arrays.copyOfRange(b, s.start(), s.end()));
            box.put("hash", s.name().equals("C2PA") ? new byte[0] : h);
        }
        return a;
    }

    @Test
    void boxHashMatchesAndFindsTheChangedSegment() throws Exception {
        byte[] b = C2paFixtures.bytes("C.jpg");
        ObjectNode a = boxHashOf(b);
        assertEquals("assertion.boxesHash.match", HardBinding.boxHash(a, b, "JPEG", null, "u").code());
        byte[] changed = b.clone();
        changed[changed.length - 100] ^= 0x10;   // inside the entropy-coded scan
        StatusCode s = HardBinding.boxHash(a, changed, "JPEG", null, "u");
        assertEquals("assertion.boxesHash.mismatch", s.code());
        assertTrue(s.explanation().contains("SOS"), s.explanation());
        // the manifest's own segment may change freely (it is skipped)
        byte[] inStore = b.clone();
        inStore[200] ^= 1;
        assertEquals("assertion.boxesHash.match", HardBinding.boxHash(a, inStore, "JPEG", null, "u").code());
    }

    @Test
    void boxHashWithUnknownBoxesIsRefused() throws Exception {
        byte[] b = C2paFixtures.bytes("C.jpg");
        ObjectNode a = boxHashOf(b);
        ((ObjectNode) a.withArray("boxes").get(2)).putArray("names").add("APP9");
        assertEquals("assertion.boxesHash.unknownBox", HardBinding.boxHash(a, b, "JPEG", null, "u").code());
    }

    @Test
    void dataHashExclusionOutsideTheFileIsAMismatchNotACrash() throws Exception {
        byte[] b = C2paFixtures.bytes("C.jpg");
        ObjectNode a = JSON.createObjectNode();
        a.put("alg", "sha256");
        a.put("hash", new byte[32]);
        ObjectNode ex = a.putArray("exclusions").addObject();
        ex.put("start", Long.MAX_VALUE - 5);
        ex.put("length", 100);
        assertEquals("assertion.dataHash.mismatch", HardBinding.dataHash(a, b, null, "u").code());
    }
}
