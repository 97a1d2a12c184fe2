import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { workspacePath } from '@/features/workspaces/api/workspaces';

export type AgentProvider = 'builtin' | 'openai-compatible';

export type SystemPrompt = {
  version: number;
  text: string;
  createdAt: string;
};

export type AgentSettings = {
  provider: AgentProvider;
  /** Only used by an OpenAI-compatible service. */
  baseUrl: string;
  /** The key itself is write-only: the API only says whether one is stored. */
  apiKeySet: boolean;
  model: string;
  temperature: number;
  maxTokens: number;
  timeoutMs: number;
  enabledTools: string[];
  availableTools: string[];
  debug: boolean;
  /** The active version; null until a prompt is saved. */
  systemPrompt: SystemPrompt | null;
  updatedAt: string | null;
};

/** Every field is optional. `apiKey`: omitted keeps the stored key, '' removes it. A changed `systemPrompt` becomes a new version. */
export type AgentSettingsInput = Partial<
  Pick<AgentSettings, 'provider' | 'baseUrl' | 'model' | 'temperature' | 'maxTokens' | 'timeoutMs' | 'enabledTools' | 'debug'>
> & {
  apiKey?: string;
  systemPrompt?: string;
};

export type PromptVersion = {
  version: number;
  text: string;
  createdBy: string | null;
  createdByName: string;
  /** The version whose text this one restored. */
  restoredFrom: number | null;
  createdAt: string;
  active: boolean;
};

export type PromptHistory = {
  /** Newest first. */
  items: PromptVersion[];
  total: number;
};

export const agentKeys = {
  all: ['agent-settings'] as const,
  settings: (workspaceId: string) => ['agent-settings', workspaceId] as const,
  prompts: (workspaceId: string) => ['agent-settings', workspaceId, 'prompts'] as const,
};

function agentPath(workspaceId: string): string {
  return `${workspacePath(workspaceId)}/agent`;
}

/** Admins only. */
export function useAgentSettings(workspaceId: string) {
  return useQuery({
    queryKey: agentKeys.settings(workspaceId),
    queryFn: ({ signal }) => apiFetch<AgentSettings>(agentPath(workspaceId), { signal }),
  });
}

export function useUpdateAgentSettings(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AgentSettingsInput) =>
      apiFetch<AgentSettings>(agentPath(workspaceId), { method: 'PUT', body: input }),
    onSuccess: (saved) => {
      queryClient.setQueryData(agentKeys.settings(workspaceId), saved);
      // A changed prompt is a new version.
      return queryClient.invalidateQueries({ queryKey: agentKeys.prompts(workspaceId) });
    },
  });
}

export function usePromptHistory(workspaceId: string) {
  return useQuery({
    queryKey: agentKeys.prompts(workspaceId),
    queryFn: ({ signal }) => apiFetch<PromptHistory>(`${agentPath(workspaceId)}/prompts`, { signal }),
  });
}

/** The restored text becomes a new, active version. */
export function useRestorePrompt(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      apiFetch<AgentSettings>(`${agentPath(workspaceId)}/prompts/${version}/restore`, { method: 'POST' }),
    onSuccess: (saved) => {
      queryClient.setQueryData(agentKeys.settings(workspaceId), saved);
      return queryClient.invalidateQueries({ queryKey: agentKeys.prompts(workspaceId) });
    },
  });
}
