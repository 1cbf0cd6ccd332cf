package io.cascadia.emulator.network;

import io.cascadia.emulator.network.IpAddresses.Address;
import java.math.BigInteger;
import java.util.Optional;

/**
 * A subnet range such as {@code 10.0.0.0/24}: the network address, the prefix length, and membership tests. The
 * text form is normalized (host bits cleared), as Neutron stores it.
 */
record Cidr(int version, BigInteger network, int prefixLength) {

    /** Parses {@code address/prefix}; empty when it is not a valid CIDR. Host bits set in the address are cleared. */
    static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        Optional<Address> address = IpAddresses.parse(text.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        int bits = IpAddresses.bits(address.get().version());
        if (prefix < 0 || prefix > bits) {
            return Optional.empty();
        }
        BigInteger mask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE).not();
        return Optional.of(new Cidr(address.get().version(), address.get().value().and(mask).and(allOnes(bits)), prefix));
    }

    private static BigInteger allOnes(int bits) {
        return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    }

    BigInteger size() {
        return BigInteger.ONE.shiftLeft(IpAddresses.bits(version) - prefixLength);
    }

    BigInteger first() {
        return network;
    }

    BigInteger last() {
        return network.add(size()).subtract(BigInteger.ONE);
    }

    boolean contains(Address address) {
        return address.version() == version && address.value().compareTo(first()) >= 0 && address.value().compareTo(last()) <= 0;
    }

    boolean overlaps(Cidr other) {
        return version == other.version && first().compareTo(other.last()) <= 0 && other.first().compareTo(last()) <= 0;
    }

    String text() {
        return IpAddresses.format(version, network) + "/" + prefixLength;
    }
}
