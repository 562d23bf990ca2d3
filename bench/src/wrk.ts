import { execFileSync, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** wrk (Debian package `wrk`): installed here when missing and run as root, else one line to run. */
export function ensureWrk(): void {
  try {
    execFileSync("wrk", ["--version"], { stdio: "ignore" });
    return;
  } catch (error) {
    // wrk --version exits 1 while printing its version: only ENOENT means missing.
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") return;
  }
  if (process.getuid?.() !== 0) {
    throw new Error("wrk is missing: run `sudo apt-get install -y wrk`, then `pnpm bench` again");
  }
  console.log("wrk is missing: apt-get install -y wrk");
  execFileSync("apt-get", ["install", "-y", "wrk"], { stdio: "inherit" });
}

export type WrkResult = {
  requests: number;
  durationS: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
};

export type WrkOptions = {
  url: string;
  connections: number;
  durationS: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  threads?: number;
};

const lua = (o: WrkOptions) => `
wrk.method = ${JSON.stringify(o.method ?? "GET")}
${o.body ? `wrk.body = ${JSON.stringify(o.body)}` : ""}
${Object.entries(o.headers ?? {})
  .map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`)
  .join("\n")}
local non2xx = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + (t:get("non2xx") or 0) end
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d,"errors":%d,"non2xx":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, bad))
end
`;

/** One wrk run; latency percentiles and counts come from a Lua `done` hook, not from parsing text. */
export async function wrk(o: WrkOptions, dir: string): Promise<WrkResult> {
  const script = join(dir, `wrk-${Date.now()}-${Math.random().toString(36).slice(2)}.lua`);
  writeFileSync(script, lua(o));
  const args = [
    `-t${o.threads ?? 1}`,
    `-c${o.connections}`,
    `-d${o.durationS}s`,
    "--timeout",
    "10s",
    "--latency",
    "-s",
    script,
    o.url,
  ];
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn("wrk", args, { stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (d) => {
      text += d;
    });
    child.stderr.on("data", (d) => {
      text += d;
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(text) : reject(new Error(`wrk exited ${code}:\n${text}`)),
    );
  });
  const line = out.split("\n").find((l) => l.startsWith("WRKJSON "));
  if (!line) throw new Error(`wrk printed no summary:\n${out}`);
  const r = JSON.parse(line.slice(8)) as {
    requests: number;
    duration_us: number;
    p50_us: number;
    p95_us: number;
    p99_us: number;
    errors: number;
    non2xx: number;
  };
  const durationS = r.duration_us / 1e6;
  return {
    requests: r.requests,
    durationS,
    rps: r.requests / durationS,
    p50Ms: r.p50_us / 1000,
    p95Ms: r.p95_us / 1000,
    p99Ms: r.p99_us / 1000,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}
