import { apiErrorFrom, apiHeaders, ApiError, parseAnswerBody, refreshSession, xhrAnswer } from '@/lib/api';
import { workspacePath } from '@/features/workspaces/api/workspaces';

/** What can be imported and exported as CSV. */
export type CsvKind = 'products' | 'customers';

/** The server refuses bodies over 16 MiB (413); the dialog refuses them before sending. */
export const MAX_CSV_BYTES = 16 * 1024 * 1024;

/** The server stops collecting row errors at about this many. */
export const MAX_REPORTED_ERRORS = 500;

/**
 * The header columns the server reads, in its export order (see the transfer controller). The
 * first one is required; the others may be left out, and unknown columns are ignored.
 */
export const CSV_COLUMNS: Record<CsvKind, readonly string[]> = {
  products: ['sku', 'name', 'description', 'price', 'taxRate', 'stock', 'status', 'category', 'language', 'attributes'],
  customers: [
    'name',
    'email',
    'phone',
    'language',
    'company',
    'notes',
    'tags',
    'shippingLine1',
    'shippingCity',
    'shippingPostalCode',
    'shippingCountry',
    'blocked',
  ],
};

export type ImportRowError = {
  /** The line of the file (the header is line 1). */
  row: number;
  field: string;
  message: string;
};

export type ImportReport = {
  dryRun: boolean;
  applied: boolean;
  /** Data rows in the file. */
  rows: number;
  created: number;
  updated: number;
  errors: ImportRowError[];
};

export function importPath(workspaceId: string, kind: CsvKind, dryRun: boolean): string {
  return `${workspacePath(workspaceId)}/${kind}/import${dryRun ? '?dryRun=true' : ''}`;
}

export function exportPath(workspaceId: string, kind: CsvKind): string {
  return `${workspacePath(workspaceId)}/${kind}/export.csv`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The import report in a 200 answer or in a 422 problem document; `undefined` when there is none. */
export function toImportReport(value: unknown): ImportReport | undefined {
  if (!isRecord(value) || typeof value.rows !== 'number' || !Array.isArray(value.errors)) return undefined;
  const errors: ImportRowError[] = value.errors.filter(isRecord).map((error) => ({
    row: typeof error.row === 'number' ? error.row : 0,
    field: typeof error.field === 'string' ? error.field : '',
    message: typeof error.message === 'string' ? error.message : '',
  }));
  return {
    dryRun: value.dryRun === true,
    applied: value.applied === true,
    rows: value.rows,
    created: typeof value.created === 'number' ? value.created : 0,
    updated: typeof value.updated === 'number' ? value.updated : 0,
    errors,
  };
}

/** The report carried by a failed import (422 when applying a file with row errors). */
export function reportOfError(error: unknown): ImportReport | undefined {
  return error instanceof ApiError ? toImportReport(error.problem) : undefined;
}

/**
 * Counts the data rows of a CSV text the way the server reads it: quoted fields may hold line
 * breaks, blank lines are skipped and the header row is not counted.
 */
export function countCsvRows(text: string): number {
  let records = 0;
  let inQuotes = false;
  let lineHasContent = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inQuotes) {
      if (char === '"') {
        if (text[i + 1] === '"') i += 1;
        else inQuotes = false;
      }
    } else if (char === '"') {
      inQuotes = true;
      lineHasContent = true;
    } else if (char === '\n' || char === '\r') {
      if (lineHasContent) records += 1;
      lineHasContent = false;
      if (char === '\r' && text[i + 1] === '\n') i += 1;
    } else if (char !== '\uFEFF' || i !== 0) {
      lineHasContent = true;
    }
  }
  if (lineHasContent) records += 1;
  return Math.max(0, records - 1);
}

export type UploadOptions = {
  /** Bytes sent so far out of `total`. */
  onUploadProgress?: (loaded: number, total: number) => void;
  /** The whole body was sent: the server is working on it. */
  onUploaded?: () => void;
  /** Aborting cancels the request (`xhr.abort()`); the promise rejects with an `AbortError`. */
  signal?: AbortSignal;
};

function sendOnce(path: string, file: Blob, options: UploadOptions): Promise<{ xhr: XMLHttpRequest; body: unknown }> {
  return new Promise((resolve, reject) => {
    const { signal } = options;
    if (signal?.aborted) {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    const done = () => signal?.removeEventListener('abort', onAbort);
    xhr.open('POST', path);
    xhr.withCredentials = true;
    apiHeaders('POST').forEach((value, name) => xhr.setRequestHeader(name, value));
    xhr.setRequestHeader('Content-Type', 'text/csv; charset=utf-8');
    xhr.upload.onprogress = (event) => options.onUploadProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.upload.onload = () => options.onUploaded?.();
    xhr.onload = () => {
      done();
      resolve({ xhr, body: parseAnswerBody(xhrAnswer(xhr), xhr.responseText) });
    };
    xhr.onerror = () => {
      done();
      reject(new ApiError({ type: 'about:blank', title: 'Network error', status: 0 }));
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort);
    xhr.send(file);
  });
}

/**
 * Sends a CSV file to an import endpoint with upload progress (fetch has none), with the same
 * headers and cookies as `apiFetch`, and the same silent session refresh on a 401. Resolves the
 * report; a failure rejects with an `ApiError` (a 422's report is read with `reportOfError`).
 */
export async function uploadCsv(path: string, file: Blob, options: UploadOptions = {}): Promise<ImportReport> {
  let { xhr, body } = await sendOnce(path, file, options);
  if (xhr.status === 401 && (await refreshSession())) ({ xhr, body } = await sendOnce(path, file, options));
  if (xhr.status >= 200 && xhr.status < 300) {
    const report = toImportReport(body);
    if (report) return report;
  }
  throw apiErrorFrom(xhrAnswer(xhr), body);
}
