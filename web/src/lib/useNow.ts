import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs`, for relative times that must keep moving ("5 分钟后"). */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}
