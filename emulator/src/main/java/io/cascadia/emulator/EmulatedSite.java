package io.cascadia.emulator;

import static java.util.Objects.requireNonNull;

import io.cascadia.dataplane.Dataplane;
import io.cascadia.emulator.compute.EmulatedNova;
import io.cascadia.emulator.control.ControlApi;
import io.cascadia.emulator.control.Outages;
import io.cascadia.emulator.dataplane.SiteDataplane;
import io.cascadia.emulator.image.EmulatedGlance;
import io.cascadia.emulator.network.EmulatedNeutron;
import io.cascadia.emulator.network.L2PopulationTable;
import io.cascadia.emulator.runtime.FaultPlan;
import io.cascadia.emulator.runtime.Host;
import io.cascadia.emulator.runtime.Transitions;
import io.cascadia.emulator.volume.EmulatedCinder;
import io.cascadia.emulator.volume.VolumeTypes;
import io.cascadia.emulator.volume.Volumes;
import io.cascadia.web.HttpServer;
import io.cascadia.web.RemoteTokenValidator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running emulated site on its own loopback port, with the services path-prefixed as on Cascadia's top:
 * {@code /compute/v2.1}, {@code /networking/v2.0}, {@code /volume/v3/{project_id}}, {@code /image/v2}, version
 * documents at each service root, and {@code /emulator} for fault control and inspection. Tokens are validated
 * against the configured Keystone; state lives in memory and is lost on close. With a {@link Dataplane}, hosts and
 * servers are real network namespaces and servers on one network reach each other over VXLAN.
 *
 * <p>Fault controls: {@link #down()} closes the listener (connections are refused) and {@link #up()} listens again
 * on the same port; {@link #faults()} adds latency to every API request and makes a share of creates fail.
 * Thread-safe.
 */
public final class EmulatedSite implements AutoCloseable, Outages {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatedSite.class);
    private static final Duration DATAPLANE_RESYNC = Duration.ofSeconds(2);

    /** An endpoint of the site for the Keystone catalog. {@code url} may hold {@code $(project_id)s}. */
    public record CatalogEndpoint(String type, String name, String url) {
    }

    private final SiteConfig config;
    private final HttpServer server;
    private final FaultPlan faults;
    private final Transitions transitions;
    private final EmulatedNova nova;
    private final EmulatedNeutron neutron;
    private final SiteDataplane dataplane;
    private final EmulatedGlance glance;
    private final String imageUrl;
    private volatile boolean down;

    private EmulatedSite(SiteConfig config, HttpServer server, FaultPlan faults, Transitions transitions,
                         EmulatedNova nova, EmulatedNeutron neutron, SiteDataplane dataplane, EmulatedGlance glance,
                         String imageUrl) {
        this.config = config;
        this.server = server;
        this.faults = faults;
        this.transitions = transitions;
        this.nova = nova;
        this.neutron = neutron;
        this.dataplane = dataplane;
        this.glance = glance;
        this.imageUrl = imageUrl;
    }

    /**
     * Starts a site and binds its port.
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    public static EmulatedSite start(SiteConfig config) {
        return start(config, null);
    }

    /**
     * Starts a site without a Glance of its own: it uses {@code owner}'s, as regions of one cloud may share one Glance
     * (its catalog lists {@code owner}'s image endpoint).
     */
    public static EmulatedSite startSharingGlance(SiteConfig config, EmulatedSite owner) {
        requireNonNull(owner, "owner is null");
        return start(config, null, owner);
    }

    /**
     * Starts a site whose hosts and servers are namespaces of {@code dataplane} (shared by every site of the
     * process), wired and programmed from the site's ports and l2 population; null runs without one.
     *
     * @throws IllegalStateException when the port cannot be bound
     * @throws io.cascadia.dataplane.DataplaneException when a host namespace cannot be made
     */
    public static EmulatedSite start(SiteConfig config, Dataplane dataplane) {
        return start(config, dataplane, null);
    }

    private static EmulatedSite start(SiteConfig config, Dataplane dataplane, EmulatedSite glanceOwner) {
        requireNonNull(config, "config is null");
        Clock clock = Clock.systemUTC();
        List<Host> hosts = config.hostList();
        FaultPlan faults = new FaultPlan(config.seed());
        Transitions transitions = new Transitions();
        EmulatedNeutron neutron = new EmulatedNeutron(hosts, config.firstVni(), faults, clock);
        EmulatedGlance glance = glanceOwner != null ? glanceOwner.glance : new EmulatedGlance(config.region(), faults, clock);
        Volumes volumes = new Volumes(VolumeTypes.forRegion(config.region()), clock, transitions, faults, config.buildLatency(), config.actionLatency());
        EmulatedCinder cinder = new EmulatedCinder(config.region(), volumes, glance.images(), config.availabilityZones());
        EmulatedNova nova = new EmulatedNova(config.region(), hosts, config.buildLatency(), config.actionLatency(), config.deletedRetention(),
                neutron.ports(), volumes, glance.images(), faults, transitions, clock);
        SiteDataplane wired = dataplane == null ? null
                : SiteDataplane.start(config.region(), dataplane, hosts, neutron, DATAPLANE_RESYNC);
        SiteOutages outages = new SiteOutages();
        HttpServer.Builder builder = HttpServer.builder("emulated-site-" + config.region())
                .port(config.port())
                .tokenValidator(new RemoteTokenValidator(config.keystoneUrl()))
                .before(ctx -> {
                    if (!ctx.path().startsWith("/emulator")) {
                        faults.delay();
                    }
                })
                .module(nova)
                .module(neutron)
                .module(cinder)
                .module(new ControlApi(faults, outages, neutron.l2Population(), Optional.ofNullable(wired)));
        if (glanceOwner == null) {
            builder.module(glance);
        }
        HttpServer server = builder.start();
        String imageUrl = (glanceOwner != null ? glanceOwner.url() : "http://127.0.0.1:" + server.port()) + "/image";
        EmulatedSite site = new EmulatedSite(config, server, faults, transitions, nova, neutron, wired, glance, imageUrl);
        outages.site = site;
        LOG.info("emulated site {} ready at {} ({} hosts, zones {})", config.region(), site.url(), hosts.size(),
                config.availabilityZones());
        return site;
    }

    /** Lets the control API reach the site it belongs to, which exists only once the server is up. */
    private static final class SiteOutages implements Outages {
        private volatile EmulatedSite site;

        @Override
        public void down() {
            site.down();
        }

        @Override
        public void up() {
            site.up();
        }

        @Override
        public void outage(Duration length) {
            site.outage(length);
        }
    }

    public SiteConfig config() {
        return config;
    }

    public String region() {
        return config.region();
    }

    /** The bound port, the same across {@link #down()} and {@link #up()}. */
    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public List<Host> hosts() {
        return config.hostList();
    }

    /** The endpoints to register in the catalog under the site's region. */
    public List<CatalogEndpoint> catalogEndpoints() {
        return List.of(
                new CatalogEndpoint("compute", "nova", url() + "/compute/v2.1"),
                new CatalogEndpoint("network", "neutron", url() + "/networking"),
                new CatalogEndpoint("volumev3", "cinderv3", url() + "/volume/v3/$(project_id)s"),
                new CatalogEndpoint("image", "glance", imageUrl));
    }

    /** Latency and failing creates, changed at run time. */
    public FaultPlan faults() {
        return faults;
    }

    /** The l2 population table of each of the site's L2 agents. */
    public L2PopulationTable l2Population() {
        return neutron.l2Population();
    }

    /** The site's Nova, for the in-JVM bulk path of benchmarks ({@link EmulatedNova#createServers}). */
    public EmulatedNova compute() {
        return nova;
    }

    /** The site's Neutron, for the in-JVM bulk path of benchmarks ({@link EmulatedNeutron#createNetwork}). */
    public EmulatedNeutron network() {
        return neutron;
    }

    /** The site's real dataplane, when it was started with one. */
    public Optional<SiteDataplane> dataplane() {
        return Optional.ofNullable(dataplane);
    }

    /** Closes the listener and every connection: clients get "connection refused" until {@link #up()}. */
    @Override
    public synchronized void down() {
        if (!down) {
            server.closeListener();
            down = true;
        }
    }

    /** Listens again on the same port. */
    @Override
    public synchronized void up() {
        if (down) {
            server.reopenListener();
            down = false;
        }
    }

    public boolean isDown() {
        return down;
    }

    @Override
    public void outage(Duration length) {
        Thread.ofVirtual().name("outage-" + config.region()).start(() -> {
            try {
                Thread.sleep(100);
                down();
                Thread.sleep(length);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                up();
            }
        });
    }

    @Override
    public void close() {
        transitions.close();
        server.close();
        if (dataplane != null) {
            dataplane.close();
        }
    }
}
