package io.cascadia.api.network;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 prefix, with the address arithmetic central IPAM needs. Addresses are parsed only from literals,
 * never resolved as host names.
 */
record Cidr(int version, BigInteger network, int prefixLength) {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    /** Parses {@code address/prefix}; empty when it is not one, or when host bits are set. */
    static Optional<Cidr> parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        Optional<Address> address = Address.parse(text.substring(0, slash));
        String prefixText = text.substring(slash + 1);
        if (address.isEmpty() || !prefixText.matches("\\d{1,3}")) {
            return Optional.empty();
        }
        int prefix = Integer.parseInt(prefixText);
        int bits = address.get().bits();
        if (prefix > bits) {
            return Optional.empty();
        }
        Cidr cidr = new Cidr(address.get().version(), address.get().value(), prefix);
        return cidr.mask(address.get().value()).equals(address.get().value()) ? Optional.of(cidr) : Optional.empty();
    }

    int bits() {
        return version == 4 ? 32 : 128;
    }

    BigInteger size() {
        return BigInteger.ONE.shiftLeft(bits() - prefixLength);
    }

    BigInteger last() {
        return network.add(size()).subtract(BigInteger.ONE);
    }

    boolean contains(Address address) {
        return address.version() == version && mask(address.value()).equals(network);
    }

    boolean overlaps(Cidr other) {
        return other.version == version && (contains(new Address(version, other.network)) || other.contains(new Address(version, network)));
    }

    /** The first address hosts may use: the network address is not one for IPv4, and is the router anycast for IPv6. */
    Address firstHost() {
        return new Address(version, prefixLength >= bits() - 1 ? network : network.add(BigInteger.ONE));
    }

    /** The last address hosts may use: IPv4 keeps its broadcast address out. */
    Address lastHost() {
        return new Address(version, version == 4 && prefixLength < 31 ? last().subtract(BigInteger.ONE) : last());
    }

    private BigInteger mask(BigInteger value) {
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits() - prefixLength).subtract(BigInteger.ONE);
        return value.andNot(hostMask);
    }

    @Override
    public String toString() {
        return new Address(version, network) + "/" + prefixLength;
    }

    /** One address. */
    record Address(int version, BigInteger value) implements Comparable<Address> {
        static Optional<Address> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            if (IPV4.matcher(text).matches()) {
                return Optional.of(fromBytes(4, literal(text)));
            }
            if (text.contains(":") && IPV6.matcher(text).matches()) {
                try {
                    return Optional.of(fromBytes(6, InetAddress.getByName(text).getAddress()));
                } catch (UnknownHostException | RuntimeException e) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }

        int bits() {
            return version == 4 ? 32 : 128;
        }

        Address next() {
            return new Address(version, value.add(BigInteger.ONE));
        }

        @Override
        public int compareTo(Address other) {
            return value.compareTo(other.value);
        }

        @Override
        public String toString() {
            byte[] bytes = new byte[bits() / 8];
            byte[] raw = value.toByteArray();
            for (int i = 0; i < bytes.length && i < raw.length; i++) {
                bytes[bytes.length - 1 - i] = raw[raw.length - 1 - i];
            }
            try {
                String text = InetAddress.getByAddress(bytes).getHostAddress();
                return version == 6 ? compress(text) : text;
            } catch (UnknownHostException e) {
                throw new IllegalStateException("impossible address length " + bytes.length, e);
            }
        }

        private static byte[] literal(String text) {
            String[] parts = text.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                bytes[i] = (byte) Integer.parseInt(parts[i]);
            }
            return bytes;
        }

        private static Address fromBytes(int version, byte[] bytes) {
            if (version == 6 && bytes.length == 4) {
                // an IPv4-mapped literal such as ::ffff:1.2.3.4 comes back as 4 bytes
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                bytes = mapped;
            }
            return new Address(version, new BigInteger(1, bytes));
        }

        /** The RFC 5952 form Neutron writes: lowercase, no leading zeros, the longest run of zero groups as "::". */
        private static String compress(String full) {
            String[] groups = full.split(":");
            int bestStart = -1;
            int bestLength = 1;
            for (int i = 0; i < groups.length; ) {
                if (groups[i].equals("0")) {
                    int j = i;
                    while (j < groups.length && groups[j].equals("0")) {
                        j++;
                    }
                    if (j - i > bestLength) {
                        bestStart = i;
                        bestLength = j - i;
                    }
                    i = j;
                } else {
                    i++;
                }
            }
            if (bestStart < 0) {
                return full;
            }
            String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
            String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
            return head + "::" + tail;
        }
    }
}
