"use client";
// Follows a run's server-sent events and applies them to the cached run (runs.get) and to the
// live-only state; EventSource reconnects by itself and resumes with Last-Event-ID.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { RunEvent } from "../../../core/events";
import { useTRPC, useTRPCClient } from "../../trpc";
import { applyEventToLive, applyEventToRun, emptyLiveState, needsSnapshot, type LiveState } from "../run-events";
import type { RunDetail } from "../../../server/services/run-schemas";

export type StreamState = "connecting" | "live" | "reconnecting" | "ended";

/** After the browser gives up on a stream (an HTTP error, not a dropped connection), try again this soon. */
const REOPEN_DELAY_MS = 2_000;
/** Events kept to replay onto a fresh snapshot that was read while they arrived. */
const REPLAY_BUFFER = 2_000;

/**
 * `generation` restarts the stream (after a retry or a picked candidate the run goes on and a new
 * stream is needed).
 */
export function useRunStream(runId: string, options: { generation: number }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [live, setLive] = useState<LiveState>(emptyLiveState);
  const [state, setState] = useState<StreamState>("connecting");
  const lastSeq = useRef(0);

  useEffect(() => {
    const queryKey = trpc.runs.get.queryKey({ id: runId });
    const recent: RunEvent[] = [];
    let source: EventSource | null = null;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let resyncing = false;

    // Rows the snapshot does not have yet (the run was planned after it was read): read a fresh one
    // and replay onto it the events that came after it.
    const resync = async () => {
      if (resyncing) return;
      resyncing = true;
      try {
        const fresh = await client.runs.get.query({ id: runId });
        const caughtUp = recent.reduce<RunDetail>((detail, event) => applyEventToRun(detail, event), fresh);
        queryClient.setQueryData(queryKey, caughtUp);
      } catch {
        // The next unknown row tries again.
      } finally {
        resyncing = false;
      }
    };

    const apply = (event: RunEvent) => {
      lastSeq.current = Math.max(lastSeq.current, event.seq);
      recent.push(event);
      if (recent.length > REPLAY_BUFFER) recent.shift();
      const cached = queryClient.getQueryData<RunDetail>(queryKey);
      if (cached && needsSnapshot(cached, event)) void resync();
      else queryClient.setQueryData(queryKey, (detail: RunDetail | undefined) => (detail ? applyEventToRun(detail, event) : detail));
      setLive((current) => applyEventToLive(current, event));
    };

    const open = () => {
      // The first connection replays from the start so the log and phases are complete; the cached
      // snapshot skips what it already holds. Later connections resume after the last event seen.
      source = new EventSource(`/api/runs/${runId}/events?after=${lastSeq.current}`);
      source.onopen = () => setState("live");
      source.onmessage = (message: MessageEvent<string>) => {
        try {
          apply(JSON.parse(message.data) as RunEvent);
        } catch {
          // A malformed line is skipped; the next snapshot corrects the view.
        }
      };
      source.addEventListener("end", () => {
        stopped = true;
        source?.close();
        setState("ended");
      });
      source.onerror = () => {
        if (stopped) return;
        setState("reconnecting");
        if (source?.readyState === EventSource.CLOSED) reopenTimer = setTimeout(open, REOPEN_DELAY_MS);
      };
    };

    // The browser knows at once when the machine goes offline; a stream would only notice at the next
    // heartbeat. Drop it, say so, and resume after the last event as soon as the network is back.
    const onOffline = () => {
      clearTimeout(reopenTimer);
      source?.close();
      if (!stopped) setState("reconnecting");
    };
    const onOnline = () => {
      if (!stopped && source?.readyState === EventSource.CLOSED) open();
    };
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);

    open();
    return () => {
      stopped = true;
      clearTimeout(reopenTimer);
      source?.close();
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
    };
  }, [runId, options.generation, queryClient, trpc, client]);

  return { live, state };
}
