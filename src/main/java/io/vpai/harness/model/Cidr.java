package io.vpai.harness.model;

/** An IPv4 prefix such as 172.20.1.0/24; the base address must be the network address. */
public record Cidr(int base, int prefixLength) {

    public Cidr {
        // Messages start with the value, quoted, so an owner can prefix itself: "network 'x': subnet '…': …".
        if (prefixLength < 0 || prefixLength > 32) {
            throw new ModelException("'" + Ipv4.format(base) + "/" + prefixLength + "': prefix length must be 0..32");
        }
        if ((base & mask(prefixLength)) != base) {
            throw new ModelException("'" + Ipv4.format(base) + "/" + prefixLength + "': host bits set (the prefix is "
                    + Ipv4.format(base & mask(prefixLength)) + "/" + prefixLength + ")");
        }
    }

    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new ModelException("'" + text + "': not a CIDR prefix (expected a.b.c.d/n)");
        }
        String lengthText = text.substring(slash + 1);
        if (!lengthText.matches("[0-9]{1,3}")) {
            throw new ModelException("'" + text + "': prefix length '" + lengthText + "' is not a number");
        }
        int base;
        try {
            base = Ipv4.parse(text.substring(0, slash)).bits();
        } catch (ModelException e) {
            throw new ModelException("'" + text + "': " + e.getMessage());
        }
        int length = Integer.parseInt(lengthText);
        if (length > 32) {
            throw new ModelException("'" + text + "': prefix length must be 0..32");
        }
        return new Cidr(base, length);
    }

    public boolean contains(int address) {
        return (address & mask(prefixLength)) == base;
    }

    public boolean contains(Ipv4 address) {
        return contains(address.bits());
    }

    public boolean contains(String address) {
        return contains(Ipv4.parse(address));
    }

    public boolean overlaps(Cidr other) {
        int shorter = Math.min(prefixLength, other.prefixLength);
        return (base & mask(shorter)) == (other.base & mask(shorter));
    }

    /** The n-th address of the prefix: host(1) is what Docker gives the bridge gateway by default. */
    public String host(int n) {
        return Ipv4.format(base + n);
    }

    private static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    @Override
    public String toString() {
        return Ipv4.format(base) + "/" + prefixLength;
    }
}
