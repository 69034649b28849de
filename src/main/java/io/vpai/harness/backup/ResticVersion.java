package io.vpai.harness.backup;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** restic's version, for the one forget rule that changed between releases (see {@link RetentionPolicy}). */
public record ResticVersion(int major, int minor, int patch) implements Comparable<ResticVersion> {
    private static final Pattern VERSION = Pattern.compile("restic (\\d+)\\.(\\d+)\\.(\\d+)");
    /** restic 0.16.0 (PR #4366) keeps the oldest snapshot while a rule still has budget. */
    public static final ResticVersion KEEPS_OLDEST = new ResticVersion(0, 16, 0);

    public static ResticVersion parse(String versionOutput) {
        Matcher m = VERSION.matcher(versionOutput);
        if (!m.find()) {
            throw new IllegalArgumentException("not a restic version line: " + versionOutput.strip());
        }
        return new ResticVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    public boolean keepsOldestWhileBudgetLeft() {
        return compareTo(KEEPS_OLDEST) >= 0;
    }

    @Override
    public int compareTo(ResticVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
