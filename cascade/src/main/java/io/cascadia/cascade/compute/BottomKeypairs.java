package io.cascadia.cascade.compute;

import static java.util.Objects.requireNonNull;

import io.cascadia.cascade.routing.BottomCopies;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.compute.Keypair;
import io.cascadia.sites.NovaApi;

/**
 * Copies of users' keypairs in sites. Nova keypairs belong to the user who calls, and in sites that is Cascadia's
 * service user, so a copy is named {@code <name>_<keypair id>}: unique for the service user across all top users
 * (Nova allows no {@code @} in keypair names, so the seed's {@code name@<top id>} rule becomes this). Its bottom id
 * is that name.
 */
public final class BottomKeypairs {
    public static final String KEYPAIR = "keypair";

    private final SiteRegistry sites;
    private final BottomCopies copies;

    public BottomKeypairs(SiteRegistry sites, BottomCopies copies) {
        this.sites = requireNonNull(sites, "sites is null");
        this.copies = requireNonNull(copies, "copies is null");
    }

    /** The name of the keypair's copy in the site, importing the public key there first if needed. */
    public String ensure(Keypair keypair, String region, String projectId) {
        NovaApi nova = sites.client(region).nova(projectId);
        String name = keypair.name() + "_" + keypair.id();
        return copies.ensure(Long.toString(keypair.id()), KEYPAIR, region, new BottomCopies.Recipe(
                bottom -> nova.keypair(bottom).isPresent(),
                () -> nova.keypair(name).map(k -> name),
                () -> nova.importKeypair(name, keypair.publicKey()).path("name").asText()));
    }
}
