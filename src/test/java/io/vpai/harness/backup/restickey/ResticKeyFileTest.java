package io.vpai.harness.backup.restickey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("gate")
@DisplayName("restic key files written by the harness")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.BACKUP_DRILL)
class ResticKeyFileTest {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * A key file restic 0.14.0 (Debian's, the runner image's) wrote with {@code restic init} for the password below,
     * and that repository's master key from {@code restic cat masterkey}: a throwaway repository, kept as a vector.
     */
    private static final String PASSWORD = "vpai-test-vector";
    private static final String RESTIC_SALT =
            "nH/fNh0Gft7eeeIufwG2XyA6b8pnQQB1Y3laJLGLfl/HtCQnOQBRf3ykFoDTPghorLFMGSAGWbjRjDSM9pJA3Q==";
    private static final String RESTIC_DATA = "8f4dwCcgT4XUPeFCHx3dBjBtpENczUniG2e/sgCVW9qfITug0vINidasEw9WryMY21AwqRfaTF"
            + "blT5oMbGzXECnjJx3sy0KSMWHauxpDZ/4wX2vlEawqA322Q2gnVWSjGhv2jgj40bojGsXpu57wlVN+gddHQB4EBzL5XWNQpvLmmwE2WnlytL1Y84F"
            + "YOVh+YHJYuBNFPkQNl4ouQlDcfQ==";
    private static final String MASTER_KEY = """
            {
              "mac": {
                "k": "S3gyQewT5lQvGTk6mqaQZg==",
                "r": "lAeqDBCvQQdskGYBgDaCBA=="
              },
              "encrypt": "7U/zmN8PgUYLdzKobwOC0Hnu4VEMMyr7S55mLBTFE68="
            }
            """;

    @Test
    @DisplayName("sealing restic's master key with restic's salt, nonce and N, r, p gives restic's own key data, byte for byte")
    void matchesResticsOwnKeyFile() {
        byte[] salt = Base64.getDecoder().decode(RESTIC_SALT);
        byte[] data = Base64.getDecoder().decode(RESTIC_DATA);
        byte[] nonce = Arrays.copyOf(data, 16);
        ResticKeyFile file = ResticKeyFile.seal(MASTER_KEY, PASSWORD, new ResticKeyFile.Kdf(32768, 8, 3), salt, nonce,
                Instant.parse("2026-12-01T15:56:17.700207345Z"));
        JsonNode json = read(file);
        assertThat(json.get("data").asText()).isEqualTo(RESTIC_DATA);
        // The twin: one wrong password byte and the data is not restic's.
        ResticKeyFile wrong = ResticKeyFile.seal(MASTER_KEY, PASSWORD + "x", new ResticKeyFile.Kdf(32768, 8, 3), salt,
                nonce, Instant.now());
        assertThat(read(wrong).get("data").asText()).isNotEqualTo(RESTIC_DATA);
    }

    @Test
    @DisplayName("a written key file names its KDF and cost, and its name is the SHA-256 of its bytes")
    void fileLayout() throws Exception {
        ResticKeyFile file = ResticKeyFile.seal(MASTER_KEY, PASSWORD, new ResticKeyFile.Kdf(1024, 8, 1), Instant.now());
        JsonNode json = read(file);
        assertThat(json.get("kdf").asText()).isEqualTo("scrypt");
        assertThat(json.get("N").asInt()).isEqualTo(1024);
        assertThat(json.get("r").asInt()).isEqualTo(8);
        assertThat(json.get("p").asInt()).isEqualTo(1);
        assertThat(Base64.getDecoder().decode(json.get("salt").asText())).hasSize(64);
        // nonce (16) + the compact master key JSON + tag (16)
        assertThat(Base64.getDecoder().decode(json.get("data").asText()))
                .hasSize(32 + ResticKeyFile.compactMasterKey(MASTER_KEY).length);
        assertThat(file.name()).isEqualTo(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(file.content())));
        // Fresh salt and nonce each time: two files for the same key differ.
        assertThat(ResticKeyFile.seal(MASTER_KEY, PASSWORD, new ResticKeyFile.Kdf(1024, 8, 1), Instant.now()).name())
                .isNotEqualTo(file.name());
    }

    @Test
    @DisplayName("anything but a master key is refused, naming the field")
    void refusesWhatIsNotAMasterKey() {
        assertThatThrownBy(() -> ResticKeyFile.compactMasterKey("Fatal: wrong password or no key found"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no JSON");
        assertThatThrownBy(() -> ResticKeyFile.compactMasterKey(MASTER_KEY.replace("7U/zmN8PgUYLdzKobwOC0Hnu4VEMMyr7S55mLBTFE68=",
                "AAAA"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'encrypt' must hold 32 bytes");
        assertThat(new String(ResticKeyFile.compactMasterKey(MASTER_KEY), StandardCharsets.UTF_8)).isEqualTo(
                "{\"mac\":{\"k\":\"S3gyQewT5lQvGTk6mqaQZg==\",\"r\":\"lAeqDBCvQQdskGYBgDaCBA==\"},"
                        + "\"encrypt\":\"7U/zmN8PgUYLdzKobwOC0Hnu4VEMMyr7S55mLBTFE68=\"}");
    }

    @Test
    @DisplayName("scrypt gives RFC 7914's test vectors")
    void scryptVectors() {
        assertThat(HEX.formatHex(Scrypt.derive(new byte[0], new byte[0], 16, 1, 1, 64))).isEqualTo(
                "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                        + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906");
        assertThat(HEX.formatHex(Scrypt.derive(bytes("password"), bytes("NaCl"), 1024, 8, 16, 64))).isEqualTo(
                "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                        + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
        assertThat(HEX.formatHex(Scrypt.derive(bytes("password"), bytes("NaCl"), 1024, 8, 16, 64)))
                .as("the twin: another salt").isNotEqualTo(HEX.formatHex(Scrypt.derive(bytes("password"), bytes("NaCL"), 1024, 8, 16, 64)));
        assertThatThrownBy(() -> Scrypt.derive(new byte[0], new byte[0], 1000, 1, 1, 64))
                .hasMessageContaining("power of two");
    }

    @Test
    @DisplayName("Poly1305 gives RFC 8439's test vector, and another for a message that is not a whole block")
    void poly1305Vectors() {
        byte[] key = HEX.parseHex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
        assertThat(HEX.formatHex(Poly1305.tag(key, bytes("Cryptographic Forum Research Group"))))
                .isEqualTo("a8061dc1305136c6c22b8baf0c0127a9");
        // Computed with Python's cryptography (Poly1305.generate_tag): the empty message's tag is s itself.
        assertThat(HEX.formatHex(Poly1305.tag(key, new byte[0]))).isEqualTo("0103808afb0db2fd4abff6af4149f51b");
        byte[] counting = new byte[33];
        for (int i = 0; i < counting.length; i++) {
            counting[i] = (byte) i;
        }
        assertThat(HEX.formatHex(Poly1305.tag(key, counting))).isEqualTo("4b43c889c067c2fa13a0f416f5b91d74");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static JsonNode read(ResticKeyFile file) {
        try {
            return new ObjectMapper().readTree(file.content());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
