import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { connectLiveEvents } from './liveEvents';

/** Keeps the signed-in console on the live event stream while it is mounted (the app layout). */
export function useLiveEvents() {
  const qc = useQueryClient();
  useEffect(() => connectLiveEvents(qc), [qc]);
}
