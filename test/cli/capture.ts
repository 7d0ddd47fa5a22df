/** Running the command line in the test's own process, capturing what it prints. */
import { main } from '../../src/cli/main.js';

/** Runs `govsim <argv…>` in this process; resolves to its exit code and what it printed on stdout and stderr. */
export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}
