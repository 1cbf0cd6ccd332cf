package io.cascadia.app.admin;

import picocli.CommandLine.Command;

/** {@code cascadia admin}: operate a running Cascadia through its admin API, as the cloud administrator. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Operate a running Cascadia: sites, routings, jobs, agents. Credentials come from clouds.yaml"
                + " (OS_CLIENT_CONFIG_FILE, else .cascadia/clouds.yaml), cloud cascadia-admin.",
        subcommands = {SiteCommands.class, RoutingCommands.class, JobCommands.class, AgentCommands.class})
public final class AdminCommand {
}
