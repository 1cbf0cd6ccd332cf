#!/usr/bin/python3
"""Helpers for start.sh, run with Debian's /usr/bin/python3 (its keystoneauth1 and keystoneclient).

  sites.py ports DIR NAME...      allocate free loopback ports, reusing DIR/ports.env where still free
  sites.py wait-url URL SECONDS   wait until URL answers HTTP (any status below 500)
  sites.py bootstrap DIR          services, endpoints, users, roles in Keystone (idempotent)
  sites.py smoke DIR SECONDS      wait until every region's services report up
  sites.py outputs DIR            write DIR/env.sh and DIR/sites.json
"""
import json
import os
import random
import socket
import sys
import time
import urllib.error
import urllib.request

REGIONS = ("RegionOne", "RegionTwo")
# Per region: key in ports.env, availability zone, compute host, volume host.
REGION_KEYS = {"RegionOne": "r1", "RegionTwo": "r2"}
ADMIN_PASSWORD = "admin-secret"
SERVICE_PASSWORD = "service-secret"
CASCADIA_USER = "cascadia"
CASCADIA_PASSWORD = "cascadia-secret"
SERVICE_USERS = ("nova", "neutron", "cinder", "glance", "placement")


def load_env(path):
    values = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#") and "=" in line:
                    k, v = line.split("=", 1)
                    values[k] = v
    return values


def port_is_free(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # As the services bind: a port of a stopped run still in TIME_WAIT is free to them.
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        s.close()


def ports(directory, names):
    path = os.path.join(directory, "ports.env")
    known = load_env(path)
    taken = set()
    result = {}
    for name in names:
        old = known.get(name)
        if old and int(old) not in taken and port_is_free(int(old)):
            result[name] = int(old)
        else:
            # Below the kernel's ephemeral range (32768 up), so that no port another program binds
            # as "any free port" while the regions start can take one chosen here.
            port = random.randrange(20000, 32000)
            while port in taken or not port_is_free(port):
                port = 20000 + (port - 20000 + 1) % 12000
            result[name] = port
        taken.add(result[name])
    with open(path, "w") as f:
        for name in names:
            f.write("%s=%d\n" % (name, result[name]))


def wait_url(url, seconds):
    deadline = time.time() + float(seconds)
    last = None
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return
        except urllib.error.HTTPError as e:
            if e.code < 500:
                return
            last = e
        except Exception as e:  # connection refused while the service starts
            last = e
        time.sleep(1)
    sys.exit("timed out after %s s waiting for %s: %s" % (seconds, url, last))


def endpoints(p):
    """The catalog: per region, service type -> (service name, URL)."""
    base = "http://127.0.0.1:%s"
    glance = base % p["GLANCE_PORT"]
    keystone = (base % p["KEYSTONE_PORT"]) + "/v3"
    catalog = {}
    for region in REGIONS:
        k = REGION_KEYS[region].upper()
        catalog[region] = {
            "identity": ("keystone", keystone),
            "image": ("glance", glance),
            "compute": ("nova", (base % p[k + "_NOVA_PORT"]) + "/v2.1"),
            "placement": ("placement", base % p[k + "_PLACEMENT_PORT"]),
            "network": ("neutron", base % p[k + "_NEUTRON_PORT"]),
            "volumev3": ("cinderv3", (base % p[k + "_CINDER_PORT"]) + "/v3/%(project_id)s"),
            "block-storage": ("cinder", (base % p[k + "_CINDER_PORT"]) + "/v3/%(project_id)s"),
        }
    return catalog


def admin_client(p):
    from keystoneauth1 import session
    from keystoneauth1.identity import v3
    from keystoneclient.v3 import client
    auth_url = "http://127.0.0.1:%s/v3" % p["KEYSTONE_PORT"]
    auth = v3.Password(auth_url=auth_url, username="admin",
                       password=ADMIN_PASSWORD, project_name="admin", user_domain_id="default",
                       project_domain_id="default")
    sess = session.Session(auth=auth)
    # Keystone at its own URL, not the catalog's: the catalog may still hold a previous run's port.
    return sess, client.Client(session=sess, endpoint_override=auth_url)


def bootstrap(directory):
    p = load_env(os.path.join(directory, "ports.env"))
    sess, ks = admin_client(p)
    regions = {r.id for r in ks.regions.list()}
    for region in REGIONS:
        if region not in regions:
            ks.regions.create(id=region)
    services = {(s.type, s.name): s for s in ks.services.list()}
    existing = {}
    for e in ks.endpoints.list():
        existing[(e.service_id, e.region_id, e.interface)] = e
    for region, by_type in endpoints(p).items():
        for stype, (name, url) in by_type.items():
            service = services.get((stype, name))
            if service is None:
                service = ks.services.create(name=name, type=stype)
                services[(stype, name)] = service
            for interface in ("public", "internal", "admin"):
                e = existing.get((service.id, region, interface))
                if e is None:
                    ks.endpoints.create(service=service, url=url, interface=interface, region=region)
                elif e.url != url:
                    ks.endpoints.update(e, url=url)
    projects = {pr.name: pr for pr in ks.projects.list(domain="default")}
    service_project = projects.get("service") or ks.projects.create("service", "default")
    roles = {r.name: r for r in ks.roles.list()}
    for name in ("admin", "member", "reader", "service"):
        if name not in roles:
            roles[name] = ks.roles.create(name)
    users = {u.name: u for u in ks.users.list(domain="default")}

    def user(name, password):
        u = users.get(name)
        if u is None:
            u = ks.users.create(name=name, domain="default", password=password,
                                default_project=service_project)
        return u

    for name in SERVICE_USERS:
        u = user(name, SERVICE_PASSWORD)
        # admin for the services' own calls (port binding, attachments); "service" so that the
        # service token nova sends is recognised as one (cinder's OSSA-2023-003 check).
        ks.roles.grant(roles["admin"], user=u, project=service_project)
        ks.roles.grant(roles["service"], user=u, project=service_project)
    c = user(CASCADIA_USER, CASCADIA_PASSWORD)
    ks.roles.grant(roles["admin"], user=c, project=service_project)
    # The inherited assignment on the Default domain gives cascadia admin in every project of
    # the domain, present and future; the same as:
    #   openstack role add --user cascadia --user-domain Default --domain Default --inherited admin
    ks.roles.grant(roles["admin"], user=c, domain="default", os_inherit_extension_inherited=True)


def smoke(directory, seconds):
    p = load_env(os.path.join(directory, "ports.env"))
    sess, ks = admin_client(p)
    started = time.time()
    deadline = started + float(seconds)
    catalog = endpoints(p)
    pending = None
    while time.time() < deadline:
        pending = []
        for region in REGIONS:
            k = REGION_KEYS[region]
            urls = {t: u for t, (_, u) in catalog[region].items()}
            try:
                svcs = sess.get(urls["compute"] + "/os-services").json()["services"]
                up = {(s["binary"], s["host"]) for s in svcs if s["state"] == "up"}
                for binary, host in (("nova-conductor", k + "-controller"),
                                     ("nova-scheduler", k + "-controller"),
                                     ("nova-compute", k + "-compute")):
                    if (binary, host) not in up:
                        pending.append("%s %s %s" % (region, binary, host))
                hyp = sess.get(urls["compute"] + "/os-hypervisors").json()["hypervisors"]
                if not hyp:
                    pending.append("%s hypervisor (cells discover_hosts)" % region)
                agents = sess.get(urls["network"] + "/v2.0/agents").json()["agents"]
                if not [a for a in agents if a["alive"] and a["host"] == k + "-compute"]:
                    pending.append("%s linuxbridge agent" % region)
                project_id = sess.get_project_id()
                vurl = urls["volumev3"].replace("%(project_id)s", project_id)
                vs = sess.get(vurl + "/os-services").json()["services"]
                vup = {s["binary"] for s in vs if s["state"] == "up"}
                for binary in ("cinder-scheduler", "cinder-volume"):
                    if binary not in vup:
                        pending.append("%s %s" % (region, binary))
                sess.get(urls["image"] + "/v2/images")
                sess.get(urls["placement"] + "/resource_providers")
            except Exception as e:
                pending.append("%s: %s" % (region, e))
        print("%.1f s: waiting for %s" % (time.time() - started, "; ".join(pending) or "nothing"),
              file=sys.stderr, flush=True)
        if not pending:
            print("smoke check passed: both regions' compute, network, volume, image and "
                  "placement services are up")
            return
        time.sleep(3)
    sys.exit("smoke check failed after %s s, still waiting for: %s" % (seconds, "; ".join(pending)))


def outputs(directory):
    p = load_env(os.path.join(directory, "ports.env"))
    auth_url = "http://127.0.0.1:%s/v3" % p["KEYSTONE_PORT"]
    catalog = endpoints(p)
    azs = {"RegionOne": "az1", "RegionTwo": "az2"}
    doc = {
        "keystone": {"auth_url": auth_url, "identity_api_version": 3},
        "admin": {"username": "admin", "password": ADMIN_PASSWORD, "project_name": "admin",
                  "user_domain_name": "Default", "project_domain_name": "Default"},
        "cascadia": {"username": CASCADIA_USER, "password": CASCADIA_PASSWORD,
                     "project_name": "service", "user_domain_name": "Default",
                     "project_domain_name": "Default", "role": "admin",
                     "inherited_role_on_domain": "Default"},
        "shared_glance": True,
        "regions": {
            region: {
                "availability_zone": azs[region],
                "process_prefix": REGION_KEYS[region],
                "compute_host": REGION_KEYS[region] + "-compute",
                "endpoints": {t: u for t, (_, u) in catalog[region].items()},
            } for region in REGIONS
        },
    }
    with open(os.path.join(directory, "sites.json"), "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    lines = [
        "# Source me: the admin of both regions (switch with OS_REGION_NAME=RegionTwo).",
        "export OS_AUTH_URL=%s" % auth_url,
        "export OS_IDENTITY_API_VERSION=3",
        "export OS_USERNAME=admin",
        "export OS_PASSWORD=%s" % ADMIN_PASSWORD,
        "export OS_PROJECT_NAME=admin",
        "export OS_USER_DOMAIN_NAME=Default",
        "export OS_PROJECT_DOMAIN_NAME=Default",
        "export OS_REGION_NAME=RegionOne",
        "export OS_INTERFACE=public",
        "export CASCADIA_SITES_JSON=%s" % os.path.join(directory, "sites.json"),
        "export CASCADIA_SERVICE_USER=%s" % CASCADIA_USER,
        "export CASCADIA_SERVICE_PASSWORD=%s" % CASCADIA_PASSWORD,
        "export CASCADIA_SERVICE_PROJECT=service",
        "export CASCADIA_REGIONS='RegionOne RegionTwo'",
        "export CASCADIA_AZ_RegionOne=%s" % azs["RegionOne"],
        "export CASCADIA_AZ_RegionTwo=%s" % azs["RegionTwo"],
    ]
    for region in REGIONS:
        for t, (_, u) in catalog[region].items():
            var = "CASCADIA_%s_%s" % (region, t.upper().replace("-", "_"))
            lines.append("export %s='%s'" % (var, u))
    with open(os.path.join(directory, "env.sh"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "ports":
        ports(args[0], args[1:])
    elif cmd == "wait-url":
        wait_url(args[0], args[1])
    elif cmd == "bootstrap":
        bootstrap(args[0])
    elif cmd == "smoke":
        smoke(args[0], args[1])
    elif cmd == "outputs":
        outputs(args[0])
    else:
        sys.exit("unknown command " + cmd)
