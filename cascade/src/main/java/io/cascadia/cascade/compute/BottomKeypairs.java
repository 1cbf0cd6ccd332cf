package io.cascadia.cascade.compute;

import static java.util.Objects.requireNonNull;

import io.cascadia.cascade.routing.BottomCopies;
import io.cascadia.cascade.sites.SiteRegistry;
import io.cascadia.core.compute.Keypair;
import io.cascadia.core.routing.ResourceKind;
import io.cascadia.sites.NovaApi;
import io.cascadia.sites.SiteException;
import java.util.Optional;

/**
 * Copies of users' keypairs in sites. Nova keypairs belong to the user who calls, and in sites that is Cascadia's
 * service user, so a copy is named {@code <name>_<keypair id>}: unique for the service user across all top users
 * (Nova allows no {@code @} in keypair names, so the seed's {@code name@<top id>} rule becomes this). Its bottom id
 * is that name.
 */
public final class BottomKeypairs {

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
        return copies.ensure(Long.toString(keypair.id()), ResourceKind.KEYPAIR, region, new BottomCopies.Recipe(
                bottom -> nova.keypair(bottom).isPresent(),
                () -> withTheSameKey(nova, name, keypair),
                () -> importOrAdopt(nova, name, keypair)));
    }

    /** The site's keypair of that name if it holds the keypair's public key: a name alone proves no copy. */
    private static Optional<String> withTheSameKey(NovaApi nova, String name, Keypair keypair) {
        return nova.keypair(name)
                .filter(found -> found.path("public_key").asText().strip().equals(keypair.publicKey().strip()))
                .map(found -> name);
    }

    /**
     * Imports the copy; when the name is taken (a copy imported just before a crash, before it was recorded), adopts
     * it only if it holds the same public key, and otherwise leaves it and fails with the site's refusal.
     */
    private static String importOrAdopt(NovaApi nova, String name, Keypair keypair) {
        try {
            return nova.importKeypair(name, keypair.publicKey()).path("name").asText();
        } catch (SiteException.Rejected e) {
            if (e.status() != 409) {
                throw e;
            }
            return withTheSameKey(nova, name, keypair).orElseThrow(() -> e);
        }
    }
}
