package io.vpai.harness.backup;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bucket as S3 shows it, listed from the backup runner with SigV4-signed requests (curl
 * {@code --aws-sigv4}, credentials on stdin): object key to ETag (the MD5 of a single-part upload).
 */
public final class S3Objects {
    private static final Pattern KEY = Pattern.compile("<Key>([^<]*)</Key>");
    private static final Pattern ETAG = Pattern.compile("<ETag>(?:&quot;|\")([0-9a-fA-F]+)(?:&quot;|\")</ETag>");
    private final DrillSettings settings;
    private final BackupRunner runner;

    public S3Objects(BackupDrill drill) {
        settings = drill.settings();
        runner = drill.runner();
    }

    /** Key to ETag of the objects under {@code prefix}; directory placeholders (no ETag) are left out. */
    public Map<String, String> list(String bucket, String prefix) {
        return parse(runner.require("listing s3://" + bucket + "/" + prefix, listScript(bucket, prefix),
                env(null), Duration.ofSeconds(60)));
    }

    /** The HTTP status of the same listing signed with a wrong secret: the server must refuse it. */
    public String statusWithWrongSecret(String bucket) {
        Map<String, String> env = env("wrong" + settings.s3Credentials().get("AWS_SECRET_ACCESS_KEY"));
        return runner.run(listScript(bucket, "").replace("curl -fsS", "curl -sS -o /dev/null -w '%{http_code}'"), env,
                Duration.ofSeconds(60)).output().strip();
    }

    /** Uploads {@code file}, a path on the runner, as {@code bucket/key}. */
    public void put(String bucket, String key, String file) {
        Map<String, String> env = env(null);
        env.put("F", file);
        runner.require("uploading " + file + " to s3://" + bucket + "/" + key,
                signedCurl("\"$F\"", "-fsS --max-time 60 -o /dev/null --upload-file \"$F\"", bucket + "/" + key), env,
                Duration.ofSeconds(60));
    }

    private Map<String, String> env(String secretOverride) {
        Map<String, String> env = new LinkedHashMap<>(settings.s3Credentials());
        if (secretOverride != null) {
            env.put("AWS_SECRET_ACCESS_KEY", secretOverride);
        }
        env.put("S3_ENDPOINT_DRILL", settings.placement().s3Endpoint());
        return env;
    }

    static String listScript(String bucket, String prefix) {
        String query = "list-type=2" + (prefix.isEmpty() ? "" : "&prefix=" + prefix.replace("/", "%2F"));
        return signedCurl("/dev/null", "-fsS --max-time 30", bucket + "?" + query);
    }

    /**
     * A SigV4-signed curl to the drill's S3 endpoint ({@code path} after it), credentials on stdin: SigV4 wants the
     * payload's SHA-256, read here from {@code payload} (/dev/null for none), and curl does not send it by itself
     * (pre-backup.sh does the same).
     */
    private static String signedCurl(String payload, String curlOptions, String path) {
        return "digest=$(sha256sum < " + payload + ")\n"
                + "curl " + curlOptions + " -K - --aws-sigv4 \"aws:amz:" + DrillSettings.S3_REGION + ":s3\""
                + " -H \"x-amz-content-sha256: ${digest%% *}\" \"$S3_ENDPOINT_DRILL/" + path + "\""
                + " <<<\"user = \\\"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\\\"\"";
    }

    static Map<String, String> parse(String xml) {
        Map<String, String> out = new TreeMap<>();
        for (String part : xml.split("<Contents>")) {
            Matcher key = KEY.matcher(part);
            Matcher etag = ETAG.matcher(part);
            if (part.contains("</Contents>") && key.find() && etag.find()) {
                out.put(key.group(1), etag.group(1).toLowerCase());
            }
        }
        return out;
    }
}
