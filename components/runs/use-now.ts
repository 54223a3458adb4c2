"use client";
// A clock for relative times and running durations. It starts at the
// server's render time so the first client render matches the server's.
import { useEffect, useState } from "react";

export function useNow(serverNow: number, everyMs: number): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    // The client's clock, once hydrated: the first render must match the server's.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
