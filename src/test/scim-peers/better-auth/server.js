// Better Auth's SCIM plugin as a real SCIM 2.0 server for jmlflow's tests.
// Usage: SCIM_TOKEN=... node server.js [port]   (port 0 or none = any free port)
// Serves http://127.0.0.1:<port>/api/auth/scim/v2 and prints one line "SCIM peer ready on <port>".
import { createServer } from "node:http";
import { randomBytes } from "node:crypto";
import { betterAuth } from "better-auth";
import { memoryAdapter } from "better-auth/adapters/memory";
import { toNodeHandler } from "better-auth/node";
import { scim } from "@better-auth/scim";

const token = process.env.SCIM_TOKEN;
if (!token) {
  console.error("SCIM_TOKEN is not set");
  process.exit(2);
}
const port = Number(process.argv[2] ?? process.env.PORT ?? 0);

// A plain object with one array per table: the adapter structured-clones rows, which a Proxy would break.
const tables = [
  "user", "session", "account", "verification",
  "scimConnectionBinding", "scimGroup", "scimGroupMember", "scimIdentityTombstone",
  "scimManagedConnection", "scimManagedConnectionEvent", "scimManagedCredential",
  "scimProjectionGrant", "scimSubject", "scimUser",
];
const db = Object.fromEntries(tables.map((table) => [table, []]));

const createAuth = (boundPort) => betterAuth({
  // Nothing here outlives the process, so a throw-away secret per run is enough.
  secret: randomBytes(32).toString("hex"),
  baseURL: `http://127.0.0.1:${boundPort}`,
  database: memoryAdapter(db),
  telemetry: { enabled: false },
  plugins: [
    scim({
      connections: [
        { id: "jmlflow-tests", credentials: [{ type: "bearer", id: "jmlflow-tests-token", token }] },
      ],
    }),
  ],
});

// Better Auth writes its base URL into meta.location, so it is built once the real port is known.
let handler = (req, res) => {
  res.writeHead(503).end();
};
const server = createServer((req, res) => handler(req, res));
server.listen(port, "127.0.0.1", () => {
  const boundPort = server.address().port;
  handler = toNodeHandler(createAuth(boundPort));
  console.log(`SCIM peer ready on ${boundPort}`);
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
