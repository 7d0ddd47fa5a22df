/** Argument checks shared by the benchmarks: `--help`, and a refusal with a message, the usage line and exit code 2. */

/** With `--help` or `-h` among the arguments, prints `usage` and exits 0. */
export function helpOnRequest(usage: string, argumentsGiven: readonly string[] = process.argv.slice(2)): void {
  if (argumentsGiven.includes('--help') || argumentsGiven.includes('-h')) {
    console.log(usage);
    process.exit(0);
  }
}

/** Prints `message` and `usage` on stderr and exits 2. */
export function refuse(message: string, usage: string): never {
  console.error(message);
  console.error(usage);
  process.exit(2);
}

/** `text` as a whole number ≥ 1, `fallback` when absent; else a refusal naming `name`. */
export function wholeNumberArgument(text: string | undefined, name: string, fallback: number, usage: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(value) || value < 1)
    refuse(`${name}: expected a whole number ≥ 1, got ${text}`, usage);
  return value;
}
