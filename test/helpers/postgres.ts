/**
 * PostgreSQL from Debian's packages, started for the tests in a private folder on a Unix socket (no
 * TCP port, so nothing else on the machine can clash with it) and stopped afterwards. Queries go
 * through psql, the client Debian installs with it, reading CSV. As root (CI), the server runs as
 * the postgres user, as PostgreSQL requires.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Purchase } from "./periodReference";
import { isoDay, type Engine, type Rows } from "./sqlEngines";

/** The folder holding initdb and pg_ctl: on PATH, or Debian's /usr/lib/postgresql/<version>/bin. */
export function postgresBin(): string | undefined {
  const onPath = spawnSync("sh", ["-c", "command -v pg_ctl"], { encoding: "utf8" }).stdout.trim();
  if (onPath !== "") return path.dirname(onPath);
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin", "pg_ctl"))).sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(root, versions[0], "bin");
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program, as the postgres user when this process is root. */
function run(bin: string, program: string, args: string[]): string {
  const file = path.join(bin, program);
  return asRoot
    ? execFileSync("runuser", ["-u", "postgres", "--", file, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })
    : execFileSync(file, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Splits psql's CSV output (RFC 4180 quoting) into rows of text; NULL is the empty field. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; } else if (c === "\n") { row.push(field); rows.push(row); row = []; field = ""; } else field += c;
  }
  if (field !== "" || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/** A CSV field quoted (COPY reads an unquoted empty field as NULL, a quoted one as the empty text). */
const quoted = (text: string): string => `"${text.replace(/"/g, '""')}"`;

export async function postgresWith(purchases: readonly Purchase[]): Promise<Engine> {
  const bin = postgresBin();
  if (bin === undefined) throw new Error("PostgreSQL is not installed: apt-get install postgresql");
  const folder = mkdtempSync(path.join(tmpdir(), "cx-pg-"));
  const data = path.join(folder, "data");
  chmodSync(folder, 0o755);
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(folder, uid, gid);
  }
  run(bin, "initdb", ["-D", data, "-U", "cx", "--auth=trust", "--encoding=UTF8", "--locale=C"]);
  run(bin, "pg_ctl", ["-D", data, "-l", path.join(folder, "server.log"), "-w", "-o", `-k ${folder} -c listen_addresses=''`, "start"]);
  const psql = (args: string[], input?: string): string =>
    execFileSync("psql", ["-h", folder, "-U", "cx", "-d", "postgres", "-X", "-q", "-v", "ON_ERROR_STOP=1", ...args], { encoding: "utf8", ...(input === undefined ? {} : { input }), maxBuffer: 1 << 28 });
  const csv = path.join(folder, "transactions.csv");
  writeFileSync(csv, purchases.map((p) => `${quoted(String(p.customer))},${isoDay(p.date)},${p.amount},${p.unit === undefined ? "" : quoted(p.unit)}`).join("\n") + "\n");
  chmodSync(csv, 0o644);
  psql(["-c", "CREATE TABLE transactions (customer_id VARCHAR, purchase_date DATE, amount DOUBLE PRECISION, unit VARCHAR)"]);
  psql(["-c", `\\copy transactions FROM '${csv}' CSV`]);
  return {
    name: "PostgreSQL",
    url: `postgresql://cx@/postgres?host=${encodeURIComponent(folder)}`,
    async query(sql: string): Promise<Rows> {
      const [columns = [], ...rows] = parseCsv(psql(["--csv", "-f", "-"], sql));
      return { columns, rows: rows.map((row) => row.map((field) => (field === "" ? null : field))) };
    },
    async close(): Promise<void> {
      try {
        run(bin, "pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}
