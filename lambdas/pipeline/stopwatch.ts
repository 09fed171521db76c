// Times the steps of handling one message (StepTimings in outcome.ts).

/** Measures consecutive steps: each lap is the time since the previous one. */
export function stopwatch(now: () => number = () => performance.now()) {
  const started = now();
  let last = started;
  return {
    lap(): number {
      const t = now();
      const ms = t - last;
      last = t;
      return ms;
    },
    total(): number {
      return now() - started;
    },
  };
}
