package io.github.ytdc.sheets.google;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Service-account key files made up for tests: a fresh RSA key each time, nothing secret in the repository. */
final class TestKeys {
    static final String EMAIL = "ytdc-test@ytdc-project.iam.gserviceaccount.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestKeys() {}

    /** A fresh PKCS#8 PEM private key. */
    static String privateKeyPem() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(gen.generateKeyPair().getPrivate().getEncoded());
            return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON of a service-account key whose token endpoint is {@code tokenUri}. */
    static ObjectNode serviceAccountJson(String privateKeyPem, String tokenUri) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "service_account");
        n.put("project_id", "ytdc-project");
        n.put("private_key_id", "0123456789abcdef0123456789abcdef01234567");
        n.put("private_key", privateKeyPem);
        n.put("client_email", EMAIL);
        n.put("client_id", "100000000000000000001");
        n.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        n.put("token_uri", tokenUri);
        return n;
    }

    static Path write(Path dir, String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid key file in {@code dir}. */
    static Path serviceAccount(Path dir, String tokenUri) {
        return write(dir, "sa.json", serviceAccountJson(privateKeyPem(), tokenUri).toPrettyString());
    }
}
