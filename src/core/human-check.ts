/** What a service may ask of the anti-automation check (web/human-check.ts builds it with its HTTP route). */
export type HumanCheckFailure = 'human.honeypot' | 'human.powMissing' | 'human.powInvalid' | 'human.powReplayed';

export interface HumanVerdict {
  enabled: boolean;
  /** The message key of why the request looks automated, or null when it passes. Consumes the solution. */
  check(body: unknown): Promise<HumanCheckFailure | null>;
  /**
   * The same verdict without consuming the solution (a replay is not detected): for a form that is refused for its
   * fields anyway, so every error, the proof of work's included, is shown in one round.
   */
  peek(body: unknown): Promise<HumanCheckFailure | null>;
}
