import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { Table, TableBody, TableHead, Td, Th } from '@/components/data/table';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { DialogClose, DialogContent, DialogFooter } from '@/components/ui/dialog';
import { isApiError } from '@/lib/api';
import {
  countCsvRows,
  CSV_COLUMNS,
  importPath,
  MAX_CSV_BYTES,
  MAX_REPORTED_ERRORS,
  reportOfError,
  uploadCsv,
  type CsvKind,
  type ImportReport,
} from './csvImport';

type Mode = 'check' | 'apply';

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; mode: Mode; loaded: number; total: number }
  | { kind: 'processing'; mode: Mode; startedAt: number }
  | { kind: 'checked'; report: ImportReport }
  | { kind: 'applied'; report: ImportReport }
  | { kind: 'failed'; mode: Mode; error: unknown; report: ImportReport | undefined }
  | { kind: 'cancelled' };

type Chosen = { file: File; rows: number | undefined };

type CsvImportDialogProps = {
  kind: CsvKind;
  workspaceId: string;
  /** Called after a successful import, e.g. to refresh the lists. */
  onImported: () => unknown;
};

function formatSize(bytes: number, locale: string): string {
  const [unit, value] =
    bytes >= 1024 * 1024 ? (['megabyte', bytes / (1024 * 1024)] as const) : bytes >= 1024 ? (['kilobyte', bytes / 1024] as const) : (['byte', bytes] as const);
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * The body of the CSV import dialog: choose a file, check it on the server (a dry run) and import
 * it once the check found no errors. Uploads show their progress and can be cancelled.
 */
export function CsvImportDialog({ kind, workspaceId, onImported }: CsvImportDialogProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const inputId = useId();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [now, setNow] = useState(0);
  const abortRef = useRef<AbortController | null>(null);
  const uploadingRef = useRef(false);

  const number = (value: number) => new Intl.NumberFormat(locale).format(value);
  const tooLarge = chosen !== null && chosen.file.size > MAX_CSV_BYTES;
  const busy = phase.kind === 'uploading' || phase.kind === 'processing';
  const processing = phase.kind === 'processing';

  // Closing the dialog during an upload cancels it; once sent, the server finishes its work.
  useEffect(
    () => () => {
      if (uploadingRef.current) abortRef.current?.abort();
    },
    [],
  );

  useEffect(() => {
    if (!processing) return undefined;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [processing]);

  function handleFile(file: File | undefined) {
    setPhase({ kind: 'idle' });
    if (!file) {
      setChosen(null);
      return;
    }
    setChosen({ file, rows: undefined });
    if (file.size > MAX_CSV_BYTES) return;
    void file.text().then(
      (text) => setChosen((current) => (current?.file === file ? { file, rows: countCsvRows(text) } : current)),
      () => undefined,
    );
  }

  async function run(mode: Mode) {
    if (!chosen || tooLarge) return;
    const controller = new AbortController();
    abortRef.current = controller;
    uploadingRef.current = true;
    setPhase({ kind: 'uploading', mode, loaded: 0, total: chosen.file.size });
    try {
      const report = await uploadCsv(importPath(workspaceId, kind, mode === 'check'), chosen.file, {
        signal: controller.signal,
        onUploadProgress: (loaded, total) =>
          setPhase((current) => (current.kind === 'uploading' ? { ...current, loaded, total } : current)),
        onUploaded: () => {
          uploadingRef.current = false;
          const startedAt = Date.now();
          setNow(startedAt);
          setPhase({ kind: 'processing', mode, startedAt });
        },
      });
      if (mode === 'check') {
        setPhase({ kind: 'checked', report });
      } else {
        setPhase({ kind: 'applied', report });
        await onImported();
      }
    } catch (error) {
      setPhase(isAbort(error) ? { kind: 'cancelled' } : { kind: 'failed', mode, error, report: reportOfError(error) });
    } finally {
      uploadingRef.current = false;
      abortRef.current = null;
    }
  }

  const rowsText = chosen?.rows === undefined ? '…' : number(chosen.rows);
  const announcement =
    phase.kind === 'uploading'
      ? t('csvImport.progress.uploading')
      : phase.kind === 'processing'
        ? t(phase.mode === 'check' ? 'csvImport.progress.checking' : 'csvImport.progress.importing', { rows: rowsText })
        : phase.kind === 'cancelled'
          ? t('csvImport.progress.cancelled')
          : '';
  const report = phase.kind === 'checked' || phase.kind === 'failed' ? phase.report : undefined;
  const canApply = phase.kind === 'checked' && phase.report.errors.length === 0 && phase.report.rows > 0;
  const headerErrors =
    phase.kind === 'failed' && !phase.report && isApiError(phase.error) ? (phase.error.problem.errors ?? []) : [];
  const percent = phase.kind === 'uploading' && phase.total > 0 ? Math.min(100, Math.round((phase.loaded / phase.total) * 100)) : 0;
  const columns = CSV_COLUMNS[kind];

  return (
    <DialogContent className="max-w-2xl" title={t(`csvImport.titles.${kind}`)} description={t(`csvImport.descriptions.${kind}`)}>
      <details className="rounded-lg border border-slate-200 bg-slate-50 px-4 py-2 text-sm text-slate-700">
        <summary className="cursor-pointer font-medium text-slate-900">{t('csvImport.columns.title')}</summary>
        <p className="mt-2">{t('csvImport.columns.intro')}</p>
        <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={t('csvImport.columns.title')}>
          {columns.map((column, index) => (
            <li key={column}>
              <code className="rounded bg-white px-1.5 py-0.5 font-mono text-xs ring-1 ring-slate-200">{column}</code>
              {index === 0 && <span className="ml-1 text-xs text-slate-500">({t('csvImport.columns.required')})</span>}
            </li>
          ))}
        </ul>
        <p className="mt-2">{t(`csvImport.columns.notes.${kind}`)}</p>
      </details>

      <div className="flex flex-col gap-1.5">
        <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
          {t('csvImport.file.label')}
        </label>
        <input
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          aria-invalid={tooLarge}
          onChange={(event) => handleFile(event.target.files?.[0])}
          className="text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-900 hover:file:bg-slate-100"
        />
        {chosen && (
          <p className="text-xs text-slate-600">
            <span className="font-medium text-slate-800">{chosen.file.name}</span> · {formatSize(chosen.file.size, locale)}
            {!tooLarge && (
              <>
                {' · '}
                {chosen.rows === undefined ? t('csvImport.file.counting') : t('csvImport.file.rows', { rows: number(chosen.rows) })}
              </>
            )}
          </p>
        )}
        {tooLarge && (
          <p className="text-xs font-medium text-red-700">
            {t('csvImport.file.tooLarge', { max: formatSize(MAX_CSV_BYTES, locale) })}
          </p>
        )}
      </div>

      <div role="status" aria-live="polite" className="sr-only">
        {announcement}
      </div>

      {phase.kind === 'uploading' && (
        <div className="flex flex-col gap-1.5">
          <div
            role="progressbar"
            aria-label={t('csvImport.progress.uploadLabel', { name: chosen?.file.name ?? '' })}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={t('csvImport.progress.uploaded', {
              percent,
              loaded: formatSize(phase.loaded, locale),
              total: formatSize(phase.total, locale),
            })}
            className="h-2 overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full bg-brand-600 transition-[width]" style={{ width: `${percent}%` }} />
          </div>
          <div className="flex items-center justify-between gap-3 text-xs text-slate-600">
            <span>
              {t('csvImport.progress.uploaded', {
                percent,
                loaded: formatSize(phase.loaded, locale),
                total: formatSize(phase.total, locale),
              })}
            </span>
            <Button variant="secondary" size="sm" onClick={() => abortRef.current?.abort()}>
              {t('csvImport.cancel')}
            </Button>
          </div>
        </div>
      )}

      {phase.kind === 'processing' && (
        <div className="flex flex-col gap-1.5">
          <div
            role="progressbar"
            aria-label={announcement}
            aria-valuemin={0}
            aria-valuemax={100}
            className="h-2 overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full w-full rounded-full bg-brand-600/70 motion-safe:animate-pulse" />
          </div>
          <p className="text-xs text-slate-600">
            {announcement}{' '}
            {t('csvImport.progress.elapsed', { seconds: number(Math.max(0, Math.floor((now - phase.startedAt) / 1000))) })}
          </p>
        </div>
      )}

      {phase.kind === 'checked' &&
        (phase.report.errors.length > 0 ? (
          <Alert tone="warning">
            {t('csvImport.result.checkedWithErrors', { errors: number(phase.report.errors.length), rows: number(phase.report.rows) })}
          </Alert>
        ) : phase.report.rows === 0 ? (
          <Alert tone="warning">{t('csvImport.result.empty')}</Alert>
        ) : (
          <Alert tone="info">
            {t('csvImport.result.checked', {
              rows: number(phase.report.rows),
              created: number(phase.report.created),
              updated: number(phase.report.updated),
            })}
          </Alert>
        ))}

      {phase.kind === 'applied' && (
        <Alert tone="success">
          {t('csvImport.result.applied', {
            rows: number(phase.report.rows),
            created: number(phase.report.created),
            updated: number(phase.report.updated),
          })}
        </Alert>
      )}

      {phase.kind === 'failed' && (
        <ProblemAlert
          error={phase.error}
          message={t(phase.mode === 'check' ? 'csvImport.result.checkFailed' : 'csvImport.result.applyFailed')}
        >
          {headerErrors.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {headerErrors.map((error) => (
                <li key={`${error.field}:${error.message}`}>
                  <code className="font-mono text-xs">{error.field}</code> {error.message}
                </li>
              ))}
            </ul>
          )}
        </ProblemAlert>
      )}

      {report && report.errors.length > 0 && (
        <div className="flex flex-col gap-1.5">
          <div className="max-h-72 overflow-y-auto rounded-lg border border-slate-200">
            <Table aria-label={t('csvImport.report.label')}>
              <TableHead>
                <tr>
                  <Th className="text-right">{t('csvImport.report.row')}</Th>
                  <Th>{t('csvImport.report.field')}</Th>
                  <Th>{t('csvImport.report.message')}</Th>
                </tr>
              </TableHead>
              <TableBody>
                {report.errors.map((error, index) => (
                  <tr key={`${error.row}:${error.field}:${index}`}>
                    <Td className="text-right tabular-nums">{error.row}</Td>
                    <Td className="font-mono text-xs">{error.field || '—'}</Td>
                    <Td>{error.message}</Td>
                  </tr>
                ))}
              </TableBody>
            </Table>
          </div>
          {report.errors.length >= MAX_REPORTED_ERRORS && (
            <p className="text-xs text-slate-600">{t('csvImport.report.truncated', { max: number(report.errors.length) })}</p>
          )}
        </div>
      )}

      <DialogFooter>
        <DialogClose asChild>
          <Button variant="ghost">{t('csvImport.close')}</Button>
        </DialogClose>
        {phase.kind !== 'applied' && (
          <>
            <Button variant={canApply ? 'secondary' : 'primary'} disabled={!chosen || tooLarge || busy} onClick={() => void run('check')}>
              {t('csvImport.check')}
            </Button>
            <Button variant={canApply ? 'primary' : 'secondary'} disabled={!canApply} onClick={() => void run('apply')}>
              {t('csvImport.apply')}
            </Button>
          </>
        )}
      </DialogFooter>
    </DialogContent>
  );
}
