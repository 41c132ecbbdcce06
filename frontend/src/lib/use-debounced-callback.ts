import { useCallback, useEffect, useRef } from "react";

/**
 * `schedule(...args)` calls `callback(...args)` once `delayMs` have passed without another call;
 * `cancel()` drops a pending call (and so does unmounting).
 */
export function useDebouncedCallback<Args extends unknown[]>(
  callback: (...args: Args) => void,
  delayMs: number,
) {
  const latest = useRef(callback);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    latest.current = callback;
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  const schedule = useCallback(
    (...args: Args) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => latest.current(...args), delayMs);
    },
    [delayMs],
  );
  const cancel = useCallback(() => clearTimeout(timer.current), []);
  return { schedule, cancel };
}
