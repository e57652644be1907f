/**
 * Makes the WASI 0.3 glue notice a finished wait sooner. jco 1.35's async runtime resumes
 * suspended tasks from a tick loop (`runTickLoop` in the glue) that first runs 10 ms after it
 * is started and then polls every 10 ms while any task waits: every host call a guest awaits
 * (a key-value read, an outgoing request, a body write the host takes later) costs up to 10 ms
 * more than the call itself, 17 ms for a WASI 0.3 request that waits once against 6 ms for a
 * WASI 0.2 one (docs/decisions/0018-wasi-0-3.md, "Measured").
 *
 * The host rewrites those two delays to 0 in the glue it generates: the loop then runs on the
 * next task and polls as fast as timers go (browsers clamp nested timers to about 4 ms), while a
 * task waits, and stops as before when none does. A glue without these exact lines (another jco)
 * is left as it is; `glue-ticks-p3.test.ts` fails then, so the rewrite is looked at again.
 */

/** The loop's start: `setTimeout(async () => { ... }, 10);` closing `runTickLoop`. */
const FIRST_TICK = /(\n\s*this\.#tickLoop = null;\n\s*\}, )10(\);)/;
/** The idle poll: re-ticks at once after a resumption, else after 10 ms. */
const IDLE_POLL = 'const delay = result === ComponentAsyncState.TickResult.RESUMED ? 0 : 10;';

export function withPromptTicks(glue: string): { glue: string; rewritten: boolean } {
  if (!FIRST_TICK.test(glue) || !glue.includes(IDLE_POLL)) return { glue, rewritten: false };
  return {
    glue: glue.replace(FIRST_TICK, '$10$2').replace(IDLE_POLL, 'const delay = 0;'),
    rewritten: true,
  };
}
