# workerd configuration of the smoke Worker and of the Worker example (apps/worker), the latter
# twice: with its DASHBOARD_TOKEN secret, and without. The runner bundles both into ../.out/, sets
# the OVH_* values and the token in the environment, and picks the sockets' addresses on the
# command line.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "smoke", worker = .smokeWorker),
    (name = "example", worker = .exampleWorker),
    (name = "example-untokened", worker = .untokenedExampleWorker),
    # The Worker's fetch() reaches loopback addresses only: the mock, and nothing else.
    (name = "loopback", network = (allow = ["127.0.0.0/8"])),
  ],
  sockets = [
    (name = "http", address = "127.0.0.1:8080", http = (), service = "smoke"),
    (name = "example", address = "127.0.0.1:8081", http = (), service = "example"),
    (name = "example-untokened", address = "127.0.0.1:8082", http = (), service = "example-untokened"),
  ],
);

const smokeWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "../.out/worker.js")],
  compatibilityDate = "2025-09-01",
  globalOutbound = "loopback",
  bindings = [
    (name = "OVH_ENDPOINT", fromEnvironment = "OVH_ENDPOINT"),
    (name = "OVH_APPLICATION_KEY", fromEnvironment = "OVH_APPLICATION_KEY"),
    (name = "OVH_APPLICATION_SECRET", fromEnvironment = "OVH_APPLICATION_SECRET"),
    (name = "OVH_CONSUMER_KEY", fromEnvironment = "OVH_CONSUMER_KEY"),
    (name = "SMOKE_CALLBACK_URL", fromEnvironment = "SMOKE_CALLBACK_URL"),
    (name = "SETTINGS", json = "{\"region\": \"eu\"}"),
  ],
);

const exampleWorker :Workerd.Worker = (
  modules = [(name = "example.js", esModule = embed "../.out/example-worker.js")],
  compatibilityDate = "2025-09-01",
  globalOutbound = "loopback",
  bindings = [
    (name = "OVH_ENDPOINT", fromEnvironment = "OVH_ENDPOINT"),
    (name = "OVH_APPLICATION_KEY", fromEnvironment = "OVH_APPLICATION_KEY"),
    (name = "OVH_APPLICATION_SECRET", fromEnvironment = "OVH_APPLICATION_SECRET"),
    (name = "OVH_CONSUMER_KEY", fromEnvironment = "OVH_CONSUMER_KEY"),
    (name = "DASHBOARD_ORIGIN", text = "http://dashboard.test"),
    (name = "DASHBOARD_TOKEN", fromEnvironment = "DASHBOARD_TOKEN"),
  ],
);

# The same Worker deployed without its DASHBOARD_TOKEN secret: it must serve no one.
const untokenedExampleWorker :Workerd.Worker = (
  modules = [(name = "example.js", esModule = embed "../.out/example-worker.js")],
  compatibilityDate = "2025-09-01",
  globalOutbound = "loopback",
  bindings = [
    (name = "OVH_ENDPOINT", fromEnvironment = "OVH_ENDPOINT"),
    (name = "OVH_APPLICATION_KEY", fromEnvironment = "OVH_APPLICATION_KEY"),
    (name = "OVH_APPLICATION_SECRET", fromEnvironment = "OVH_APPLICATION_SECRET"),
    (name = "OVH_CONSUMER_KEY", fromEnvironment = "OVH_CONSUMER_KEY"),
    (name = "DASHBOARD_ORIGIN", text = "http://dashboard.test"),
  ],
);
