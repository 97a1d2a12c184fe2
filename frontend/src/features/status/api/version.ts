import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { STATUS_REFETCH_INTERVAL_MS } from './readiness';

export type VersionInfo = {
  name: string;
  version: string;
  commit: string;
  buildTime: string;
  uptimeSeconds: number;
};

export const versionKeys = {
  all: ['version'] as const,
};

export function fetchVersion(signal?: AbortSignal): Promise<VersionInfo> {
  return apiFetch<VersionInfo>('/api/version', { signal });
}

export function useVersion() {
  return useQuery({
    queryKey: versionKeys.all,
    queryFn: ({ signal }) => fetchVersion(signal),
    refetchInterval: STATUS_REFETCH_INTERVAL_MS,
  });
}
