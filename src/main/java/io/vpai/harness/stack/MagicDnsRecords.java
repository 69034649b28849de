package io.vpai.harness.stack;

import io.vpai.harness.model.Access;
import io.vpai.harness.model.DnsRecord;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The MagicDNS stand-in answers what the rendered Headscale configuration says, read back from the
 * shipped file: a wrong render shows up as a wrong answer, not hidden behind the model.
 */
public final class MagicDnsRecords {
    private MagicDnsRecords() {
    }

    @SuppressWarnings("unchecked")
    public static List<DnsRecord> fromHeadscaleConfig(Path file) {
        Map<String, Object> root;
        try {
            root = new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new StackException(file + ": cannot read (" + e.getMessage() + ")");
        }
        Object dns = root == null ? null : root.get("dns");
        Object extra = dns instanceof Map<?, ?> m ? m.get("extra_records") : null;
        if (!(extra instanceof List<?> list)) {
            throw new StackException(file + ": no dns.extra_records list");
        }
        List<DnsRecord> records = new ArrayList<>();
        for (Object item : list) {
            Map<String, Object> record = (Map<String, Object>) item;
            if ("A".equals(record.get("type"))) {
                records.add(new DnsRecord(String.valueOf(record.get("name")), String.valueOf(record.get("value")),
                        "", Access.VPN_ONLY));
            }
        }
        return records;
    }
}
