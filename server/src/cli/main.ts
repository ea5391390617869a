/** Entry point of the `odoo-pulse` command (bin/odoo-pulse.js and `npm run odoo-pulse` load this file). */
import { runCli } from './dispatch.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
