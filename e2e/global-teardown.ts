import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** Removes the e2e server's temporary store (playwright.config.ts AIO_E2E_DB). */
export default function globalTeardown(): void {
  const dir = process.env.AIO_E2E_DB;
  if (dir && dir.startsWith(tmpdir())) rmSync(dir, { recursive: true, force: true });
}
