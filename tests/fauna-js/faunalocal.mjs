// Starts FaunaLocal (the Release or Debug build, whichever is newer, or FAUNALOCAL_DLL) on a free port, in memory.
import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");

function serverDll() {
  const candidates = [
    path.join(repo, "src/FaunaLocal/bin/Release/net10.0/FaunaLocal.dll"),
    path.join(repo, "src/FaunaLocal/bin/Debug/net10.0/FaunaLocal.dll"),
  ];
  const found = process.env.FAUNALOCAL_DLL ?? candidates.filter((p) => existsSync(p))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!found) throw new Error("FaunaLocal is not built: run `dotnet build src/FaunaLocal -c Release` first");
  return found;
}

/** Resolves to { endpoint, process } once the server prints its URL. */
export async function startFaunaLocal(extraArgs = []) {
  const server = spawn("dotnet", ["exec", serverDll(), "--port", "0", "--in-memory", ...extraArgs], { stdio: ["ignore", "pipe", "inherit"] });
  const endpoint = await new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/[^\s/]+)/);
      if (m) resolve(new URL(m[1]));
    });
    server.on("exit", (code) => reject(new Error(`FaunaLocal exited with ${code}: ${out}`)));
    setTimeout(() => reject(new Error("FaunaLocal did not start within 30 s")), 30_000).unref();
  });
  return { endpoint, process: server };
}
