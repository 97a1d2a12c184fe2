import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';

export type DatabaseCheck = {
  ok: boolean;
  detail?: string;
};

/** A migration is identified by the server as a name/version string (numbers and objects are tolerated). */
export type MigrationRef = string | number | { version?: string | number; name?: string };

export type MigrationsCheck = {
  ok: boolean;
  applied: number;
  expected: number;
  pending: MigrationRef[];
  drifted: MigrationRef[];
  detail?: string;
};

export type Readiness = {
  status: 'ready' | 'not_ready';
  checks: {
    database: DatabaseCheck;
    migrations: MigrationsCheck;
  };
};

export const STATUS_REFETCH_INTERVAL_MS = 10_000;

export const readinessKeys = {
  all: ['readiness'] as const,
};

/** `/readyz` answers 200 when ready and 503 when not; both carry a readiness report. */
export function fetchReadiness(signal?: AbortSignal): Promise<Readiness> {
  return apiFetch<Readiness>('/readyz', { signal, acceptStatuses: [503] });
}

export function useReadiness() {
  return useQuery({
    queryKey: readinessKeys.all,
    queryFn: ({ signal }) => fetchReadiness(signal),
    refetchInterval: STATUS_REFETCH_INTERVAL_MS,
  });
}
