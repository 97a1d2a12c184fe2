import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { toQueryString } from '@/lib/list';
import { workspacePath } from '@/features/workspaces/api/workspaces';

/** The counters of one day, or of a whole period. `revenue` is in minor units of the workspace currency. */
export type UsageCounters = {
  inboundMessages: number;
  agentReplies: number;
  agentTurns: number;
  promptTokens: number;
  completionTokens: number;
  orders: number;
  paidOrders: number;
  revenue: number;
};

export type UsageDay = UsageCounters & {
  /** `YYYY-MM-DD`. */
  day: string;
};

export type AgentUsage = {
  from: string;
  to: string;
  currency: string;
  /** One entry per day of the period, days without activity included, oldest first. */
  days: UsageDay[];
  totals: UsageCounters;
};

/** Both ends are `YYYY-MM-DD` and included; without them the server answers the last 30 days. */
export type UsageRange = { from: string; to: string };

export const usageKeys = {
  all: ['agent-usage'] as const,
  range: (workspaceId: string, range: UsageRange | undefined) =>
    ['agent-usage', workspaceId, range?.from ?? '', range?.to ?? ''] as const,
};

/** Admins only. */
export function useAgentUsage(workspaceId: string, range: UsageRange | undefined) {
  return useQuery({
    queryKey: usageKeys.range(workspaceId, range),
    queryFn: ({ signal }) =>
      apiFetch<AgentUsage>(`${workspacePath(workspaceId)}/agent/usage${toQueryString({ from: range?.from, to: range?.to })}`, {
        signal,
      }),
    // The previous period stays on screen while the next one loads.
    placeholderData: keepPreviousData,
  });
}
