package io.cascadia.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs one node of the cascading layer until it is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run a Cascadia node: the one OpenStack API over the top database, until stopped.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Option(names = "--admin-password", description = "Password of user admin (identity.admin-password, or CASCADIA_ADMIN_PASSWORD).")
    String adminPassword;

    @Override
    public Integer call() throws Exception {
        Settings settings = options.settings().with("identity.admin-password", adminPassword);
        TopConfig config = TopConfig.from(settings, options.dataDir);
        try (Shutdown shutdown = Shutdown.onSignal(); TopLayer top = TopLayer.start(config)) {
            String identity = config.externalIdentity() ? config.external().keystoneUrl() : top.publicUrl() + "/v3";
            System.out.println("Cascadia serving at " + top.publicUrl() + " (identity: " + identity + ")");
            shutdown.await();
        }
        return 0;
    }
}
