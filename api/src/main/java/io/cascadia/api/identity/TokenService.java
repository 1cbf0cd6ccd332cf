package io.cascadia.api.identity;

import static java.util.Objects.requireNonNull;

import io.cascadia.api.identity.AuthRequest.DomainScope;
import io.cascadia.api.identity.AuthRequest.ProjectScope;
import io.cascadia.api.identity.AuthRequest.Reference;
import io.cascadia.api.identity.AuthRequest.Unscoped;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.identity.Domain;
import io.cascadia.core.identity.Project;
import io.cascadia.core.identity.Role;
import io.cascadia.core.identity.Token;
import io.cascadia.core.identity.User;
import io.cascadia.store.identity.IdentityRepositories;
import io.cascadia.web.AuthContext;
import io.cascadia.web.TokenValidator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues, validates and revokes tokens. A token is 32 random bytes; only its SHA-256 is stored, so tokens survive a
 * restart without the database holding usable credentials. Roles are computed at validation, so removing a role or
 * disabling a user or project takes effect on tokens already issued. Validations are cached for a short TTL in a
 * bounded cache; revocation on this node evicts at once. A password change revokes all of the user's tokens. Failed
 * passwords lock the user and the client out for a while ({@link PasswordVerifier}).
 */
public final class TokenService implements TokenValidator {
    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);
    private static final String NOT_AUTHENTICATED = "The request you have made requires authentication.";
    private static final int PRUNE_EVERY_ISSUES = 1_000;

    /** A validated token with everything its body shows. */
    public record Session(Token token, User user, Domain userDomain, Project project, Domain projectDomain,
                          Domain domain, List<Role> roles) {
        AuthContext toAuthContext(String secret) {
            return new AuthContext(secret, user.id(), user.name(), user.domainId(),
                    project == null ? null : project.id(), project == null ? null : project.name(),
                    project == null ? null : project.domainId(), domain == null ? null : domain.id(),
                    roles.stream().map(Role::name).toList(), token.expiresAt());
        }
    }

    /** A new token: the secret for {@code X-Subject-Token}, and its session. */
    public record Issued(String secret, Session session) {
        @Override
        public String toString() {
            return "Issued[session=" + session.token().auditId() + "]";
        }
    }

    private final IdentityRepositories repositories;
    private final IdentityConfig config;
    private final PasswordVerifier passwords;
    private final EffectiveRoles effectiveRoles;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ValidationCache cache;
    private final AtomicInteger issuedSincePrune = new AtomicInteger();

    public TokenService(IdentityRepositories repositories, IdentityConfig config, PasswordHasher hasher, Clock clock) {
        this.repositories = requireNonNull(repositories, "repositories is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.passwords = new PasswordVerifier(requireNonNull(hasher, "hasher is null"), config, clock);
        this.effectiveRoles = new EffectiveRoles(repositories);
        this.cache = new ValidationCache(config.tokenCacheTtl(), config.tokenCacheSize(), clock);
    }

    /**
     * Authenticates the request and issues a token for the asked scope.
     *
     * @param source the client's address, which the failure limit of passwords counts by
     * @throws OpenStackException UNAUTHORIZED for bad credentials, a locked-out user or source, a disabled user, or a
     *     scope the user has no role on (Keystone answers all of them alike, so callers cannot probe)
     */
    Issued issue(AuthRequest request, String source) {
        // The database keeps microseconds; issuing at that precision makes every later read show the same times.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        User user = null;
        List<String> methods = request.methods();
        String parentAuditId = null;
        Instant expiresAt = now.plus(config.tokenExpiration());
        if (request.password() != null) {
            user = authenticatePassword(request.password(), source);
        }
        if (request.token() != null) {
            Session original = session(request.token()).orElseThrow(() -> OpenStackException.unauthorized(NOT_AUTHENTICATED));
            if (user != null && !user.id().equals(original.user().id())) {
                throw OpenStackException.unauthorized(NOT_AUTHENTICATED);
            }
            user = original.user();
            parentAuditId = original.token().auditId();
            methods = original.token().methods();
            // A token made from a token never outlives the original, as in Keystone.
            expiresAt = original.token().expiresAt();
        }
        User caller = user;
        Project project = null;
        Domain domain = null;
        switch (request.scope()) {
            case ProjectScope scope -> project = scopeProject(caller, scope.project());
            case DomainScope scope -> domain = scopeDomain(caller, scope.domain());
            case Unscoped unscoped -> {
                if (!unscoped.explicit() && request.token() == null && caller.defaultProjectId() != null) {
                    project = repositories.projects().find(caller.defaultProjectId())
                            .filter(Project::enabled)
                            .filter(p -> !effectiveRoles.onProject(caller.id(), p).isEmpty())
                            .orElse(null);
                }
            }
        }
        String secret = newSecret();
        Token token = new Token(hash(secret), caller.id(), project == null ? null : project.id(),
                domain == null ? null : domain.id(), methods, newAuditId(), parentAuditId, now, expiresAt, null);
        repositories.tokens().insert(token);
        pruneNowAndThen(now);
        Session session = session(token).orElseThrow(() -> OpenStackException.unauthorized(NOT_AUTHENTICATED));
        LOG.info("issued token {} for user {} project {} domain {}", token.auditId(), caller.id(),
                token.projectId(), token.domainId());
        return new Issued(secret, session);
    }

    @Override
    public AuthContext validate(String secret) {
        String hash = hash(secret);
        Optional<AuthContext> cached = cache.find(hash);
        if (cached.isPresent()) {
            return cached.get();
        }
        Session session = session(secret).orElseThrow(() -> OpenStackException.unauthorized(NOT_AUTHENTICATED));
        AuthContext auth = session.toAuthContext(secret);
        cache.put(hash, auth);
        return auth;
    }

    /** The session of a valid token, or empty when it is unknown, expired, revoked or no longer authorized. */
    Optional<Session> session(String secret) {
        return repositories.tokens().find(hash(secret)).flatMap(this::session);
    }

    boolean revoke(String secret) {
        String hash = hash(secret);
        cache.remove(hash);
        boolean revoked = repositories.tokens().revoke(hash, clock.instant());
        if (revoked) {
            LOG.info("revoked token {}", repositories.tokens().find(hash).map(Token::auditId).orElse("?"));
        }
        return revoked;
    }

    /**
     * Revokes every token of a user, after a password change, as Keystone does; tokens validated on other nodes stay
     * trusted there for at most {@code identity.token-cache-ttl}.
     */
    void revokeAllOf(String userId) {
        int revoked = repositories.tokens().revokeAllOfUser(userId, clock.instant());
        cache.removeUser(userId);
        LOG.info("revoked {} tokens of user {}", revoked, userId);
    }

    /** Forgets cached validations, after a change that may take roles or access away. */
    void invalidateCache() {
        cache.clear();
    }

    private Optional<Session> session(Token token) {
        if (!token.isValidAt(clock.instant())) {
            return Optional.empty();
        }
        Optional<User> user = repositories.users().find(token.userId()).filter(User::enabled);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Optional<Domain> userDomain = repositories.domains().find(user.get().domainId()).filter(Domain::enabled);
        if (userDomain.isEmpty()) {
            return Optional.empty();
        }
        if (token.projectId() != null) {
            Optional<Project> project = repositories.projects().find(token.projectId()).filter(Project::enabled);
            Optional<Domain> projectDomain = project.flatMap(p -> repositories.domains().find(p.domainId())).filter(Domain::enabled);
            if (project.isEmpty() || projectDomain.isEmpty()) {
                return Optional.empty();
            }
            List<Role> roles = effectiveRoles.onProject(user.get().id(), project.get());
            return roles.isEmpty() ? Optional.empty()
                    : Optional.of(new Session(token, user.get(), userDomain.get(), project.get(), projectDomain.get(), null, roles));
        }
        if (token.domainId() != null) {
            Optional<Domain> domain = repositories.domains().find(token.domainId()).filter(Domain::enabled);
            if (domain.isEmpty()) {
                return Optional.empty();
            }
            List<Role> roles = effectiveRoles.onDomain(user.get().id(), domain.get().id());
            return roles.isEmpty() ? Optional.empty()
                    : Optional.of(new Session(token, user.get(), userDomain.get(), null, null, domain.get(), roles));
        }
        return Optional.of(new Session(token, user.get(), userDomain.get(), null, null, null, List.of()));
    }

    /**
     * Never locks the user out after failed passwords, as Keystone's user option
     * {@code ignore_lockout_failure_attempts} does: for a service user, whose lockout by anyone who knows its name would
     * stop the work it does. Its failures still count against their client address.
     */
    public void exemptFromLockout(String userId) {
        passwords.exempt(userId);
    }

    /** The checker of passwords, with the failure limits, for the other places that take a password. */
    PasswordVerifier passwords() {
        return passwords;
    }

    private User authenticatePassword(AuthRequest.PasswordIdentity identity, String source) {
        Optional<User> user = findUser(identity.user());
        boolean matches = passwords.verify(user, identity.password(), source);
        if (!matches || !user.get().enabled()) {
            LOG.info("password authentication failed for user reference {}", describe(identity.user()));
            throw OpenStackException.unauthorized(NOT_AUTHENTICATED);
        }
        boolean domainEnabled = repositories.domains().find(user.get().domainId()).map(Domain::enabled).orElse(false);
        if (!domainEnabled) {
            throw OpenStackException.unauthorized(NOT_AUTHENTICATED);
        }
        return user.get();
    }

    private Optional<User> findUser(Reference reference) {
        if (reference.id() != null) {
            return repositories.users().find(reference.id());
        }
        if (reference.domain() == null) {
            throw OpenStackException.badRequest("Invalid input for field 'user': a user name needs its domain");
        }
        return findDomain(reference.domain()).flatMap(d -> repositories.users().findByName(d.id(), reference.name()));
    }

    private Optional<Domain> findDomain(Reference reference) {
        return reference.id() != null
                ? repositories.domains().find(reference.id())
                : repositories.domains().findByName(reference.name());
    }

    private Project scopeProject(User user, Reference reference) {
        Optional<Project> project = reference.id() != null
                ? repositories.projects().find(reference.id())
                : findDomain(reference.domain()).flatMap(d -> repositories.projects().findByName(d.id(), reference.name()));
        Project found = project.filter(Project::enabled).orElseThrow(() -> OpenStackException.unauthorized(NOT_AUTHENTICATED));
        if (effectiveRoles.onProject(user.id(), found).isEmpty()) {
            LOG.info("user {} has no role on project {}", user.id(), found.id());
            throw OpenStackException.unauthorized(NOT_AUTHENTICATED);
        }
        return found;
    }

    private Domain scopeDomain(User user, Reference reference) {
        Domain found = findDomain(reference).filter(Domain::enabled)
                .orElseThrow(() -> OpenStackException.unauthorized(NOT_AUTHENTICATED));
        if (effectiveRoles.onDomain(user.id(), found.id()).isEmpty()) {
            LOG.info("user {} has no role on domain {}", user.id(), found.id());
            throw OpenStackException.unauthorized(NOT_AUTHENTICATED);
        }
        return found;
    }

    private void pruneNowAndThen(Instant now) {
        if (issuedSincePrune.incrementAndGet() >= PRUNE_EVERY_ISSUES) {
            issuedSincePrune.set(0);
            int pruned = repositories.tokens().pruneExpired(now);
            LOG.debug("pruned {} expired tokens", pruned);
        }
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String newAuditId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, 22);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String describe(Reference reference) {
        return reference.id() != null ? "id=" + reference.id() : "name=" + reference.name();
    }
}
