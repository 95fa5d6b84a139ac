/** The contract every subcommand of `sg-guardrail` fulfils. */
export interface Command {
  readonly name: string;
  /** One line for `sg-guardrail --help`. */
  readonly summary: string;
  /** The full usage text for `sg-guardrail NAME --help`. */
  readonly usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: readonly string[]): Promise<number>;
}
