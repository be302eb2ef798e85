// Running the programs the benches set their corpora up with (npm pack, tar, git) and time (the scanners).
import { spawnSync } from 'node:child_process';

/** Runs `cmd` to the end; throws only if it could not start. `env` is added to this process's environment. */
export function run(cmd, args, cwd, env) {
  const result = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28, ...(env ? { env: { ...process.env, ...env } } : {}) });
  if (result.error) throw result.error;
  return result;
}

/** As run(), and a non-zero exit is an error that quotes the program's stderr. */
export function must(cmd, args, cwd, env) {
  const result = run(cmd, args, cwd, env);
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${result.stderr}`);
  return result;
}
