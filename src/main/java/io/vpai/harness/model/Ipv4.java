package io.vpai.harness.model;

/**
 * An IPv4 address as a value, parsed from a dotted quad without DNS: the model and the probes only hold literal
 * addresses, so a name can never slip in where an address is expected (and be resolved on the way).
 */
public record Ipv4(int bits) implements Comparable<Ipv4> {

    /** The dotted quad {@code text}, or a one-line {@link ModelException} quoting it. */
    public static Ipv4 parse(String text) {
        if (text == null) {
            throw new ModelException("no IPv4 address (null)");
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw notAnAddress(text);
        }
        int value = 0;
        for (String part : parts) {
            // Digits only: Integer.parseInt would take "+1", and a leading sign is no dotted quad.
            if (!part.matches("[0-9]{1,3}")) {
                throw notAnAddress(text);
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw notAnAddress(text);
            }
            value = (value << 8) | octet;
        }
        return new Ipv4(value);
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (ModelException e) {
            return false;
        }
    }

    public static String format(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "."
                + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }

    /** The four octets, most significant first: what {@code InetAddress.getByAddress} takes (no lookup). */
    public byte[] octets() {
        return new byte[]{(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    }

    @Override
    public int compareTo(Ipv4 other) {
        return Integer.compareUnsigned(bits, other.bits);
    }

    /** The dotted quad. */
    @Override
    public String toString() {
        return format(bits);
    }

    private static ModelException notAnAddress(String text) {
        return new ModelException("'" + text + "' is not an IPv4 address");
    }
}
