package org.provenant.indicators.file.c2pa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The signature algorithms the fixtures do not cover (they use PS256 and ES256): a COSE_Sign1 is made here with a
 * fresh key and self-signed certificate per algorithm, over a claim as detached payload; it must verify, and fail
 * for a claim changed by one byte.
 */
class CoseAlgorithmsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ES256, -7, EC, secp256r1, SHA256withPLAIN-ECDSA, SHA256withECDSA",
            "ES384, -35, EC, secp384r1, SHA384withPLAIN-ECDSA, SHA384withECDSA",
            "PS256, -37, RSA, 2048, SHA256withRSAandMGF1, SHA256withRSA",
            "Ed25519, -8, Ed25519, -, Ed25519, Ed25519",
    })
    void signsAndVerifies(String name, int alg, String keyAlg, String param, String sigAlg, String certSigAlg) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(keyAlg, Cose.BC);
        if (keyAlg.equals("EC")) g.initialize(new ECGenParameterSpec(param));
        if (keyAlg.equals("RSA")) g.initialize(Integer.parseInt(param));
        KeyPair kp = g.generateKeyPair();
        var cert = new JcaX509CertificateConverter().setProvider(Cose.BC).getCertificate(new JcaX509v3CertificateBuilder(
                new X500Name("CN=Test " + name), BigInteger.ONE, new Date(0), new Date(4_000_000_000_000L),
                new X500Name("CN=Test " + name), kp.getPublic())
                .build(new JcaContentSignerBuilder(certSigAlg).setProvider(Cose.BC).build(kp.getPrivate())));
        byte[] claim = "a claim: any CBOR bytes".getBytes(StandardCharsets.UTF_8);

        ByteArrayOutputStream prot = new ByteArrayOutputStream();
        try (CBORGenerator w = new CBORFactory().createGenerator(prot)) {
            w.writeStartObject(2);
            w.writeFieldId(1);
            w.writeNumber(alg);
            w.writeFieldId(33);
            w.writeBinary(cert.getEncoded());
            w.writeEndObject();
        }
        Signature s = Signature.getInstance(sigAlg, Cose.BC);
        s.initSign(kp.getPrivate());
        s.update(Cose.sigStructure(prot.toByteArray(), claim));
        byte[] sig = s.sign();
        ByteArrayOutputStream cose = new ByteArrayOutputStream();
        try (CBORGenerator w = new CBORFactory().createGenerator(cose)) {
            w.writeStartArray(null, 4);
            w.writeBinary(prot.toByteArray());
            w.writeStartObject(0);
            w.writeEndObject();
            w.writeNull();
            w.writeBinary(sig);
            w.writeEndArray();
        }
        Cose.Result ok = Cose.verify(cose.toByteArray(), claim);
        assertEquals(name, ok.algName);
        assertTrue(ok.valid, String.valueOf(ok.problem));
        assertNull(ok.problem);
        assertEquals("CN=Test " + name, ok.signer().getSubjectX500Principal().getName());
        byte[] changed = claim.clone();
        changed[3] ^= 1;
        assertFalse(Cose.verify(cose.toByteArray(), changed).valid);
    }
}
