package io.github.ytdc.sheets.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ytdc.sheets.SheetsException;
import io.github.ytdc.sheets.SheetsException.Reason;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceAccountKeyTest {
    private static final String KEY_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDSECRETSECRET";

    @TempDir
    Path dir;

    private SheetsException loadFails(Path file) {
        SheetsException e = assertThrows(SheetsException.class, () -> ServiceAccountKey.load(file));
        assertEquals(Reason.BAD_CREDENTIALS, e.reason());
        assertTrue(e.getMessage().contains("credentials/README.md"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        return e;
    }

    private static void assertNoKeyMaterial(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            assertFalse(m.contains("SECRET") || m.contains("MIIE") || m.contains("PRIVATE KEY"), m);
        }
    }

    @Test
    void a_valid_key_loads_with_its_email_and_prints_without_its_private_key() {
        ServiceAccountKey key = ServiceAccountKey.load(TestKeys.serviceAccount(dir, "https://oauth2.googleapis.com/token"));
        assertEquals(TestKeys.EMAIL, key.clientEmail());
        assertEquals("ServiceAccountKey[" + TestKeys.EMAIL + "]", key.toString());
    }

    @Test
    void a_missing_file_says_how_to_get_a_key() {
        SheetsException e = loadFails(dir.resolve("nope.json"));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("--credentials"), e.getMessage());
    }

    @Test
    void a_folder_is_not_taken_for_a_key() {
        assertTrue(loadFails(dir).getMessage().contains("is a folder"));
    }

    @Test
    void malformed_json_names_the_position_but_never_quotes_the_content() {
        Path file = TestKeys.write(dir, "broken.json",
                "{\"type\": \"service_account\",\n \"private_key\": " + KEY_BODY + "\n}");
        SheetsException e = loadFails(file);
        assertTrue(e.getMessage().contains("is not valid JSON (line 2"), e.getMessage());
        assertNoKeyMaterial(e);
    }

    @Test
    void an_oauth_client_file_is_recognised_and_explained() {
        Path file = TestKeys.write(dir, "client_secret_123.json",
                "{\"installed\":{\"client_id\":\"1.apps.googleusercontent.com\",\"client_secret\":\"GOCSPX-SECRET\"}}");
        SheetsException e = loadFails(file);
        assertTrue(e.getMessage().contains("is an OAuth client file"), e.getMessage());
        assertTrue(e.getMessage().contains("service account"), e.getMessage());
        assertNoKeyMaterial(e);
    }

    @Test
    void another_credential_type_is_named() {
        Path file = TestKeys.write(dir, "adc.json",
                "{\"type\":\"authorized_user\",\"refresh_token\":\"SECRET\",\"client_id\":\"x\"}");
        SheetsException e = loadFails(file);
        assertTrue(e.getMessage().contains("is a 'authorized_user' credential"), e.getMessage());
        assertNoKeyMaterial(e);
    }

    @Test
    void a_key_missing_fields_lists_them() {
        var json = TestKeys.serviceAccountJson(TestKeys.privateKeyPem(), "https://oauth2.googleapis.com/token");
        json.remove("client_email");
        json.put("private_key_id", "");
        SheetsException e = loadFails(TestKeys.write(dir, "sa.json", json.toString()));
        assertTrue(e.getMessage().contains("without client_email, private_key_id"), e.getMessage());
        assertNoKeyMaterial(e);
    }

    @Test
    void a_damaged_private_key_is_reported_without_echoing_it() {
        var json = TestKeys.serviceAccountJson(
                "-----BEGIN PRIVATE KEY-----\n" + KEY_BODY + "\n-----END PRIVATE KEY-----\n",
                "https://oauth2.googleapis.com/token");
        SheetsException e = loadFails(TestKeys.write(dir, "sa.json", json.toString()));
        assertTrue(e.getMessage().contains("private key could not be read"), e.getMessage());
        assertNoKeyMaterial(e);
    }

    @Test
    void json_that_is_not_an_object_is_refused() {
        assertTrue(loadFails(TestKeys.write(dir, "list.json", "[1,2]")).getMessage().contains("not a JSON object"));
    }
}
