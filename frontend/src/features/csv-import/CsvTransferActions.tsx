import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { Dialog, DialogTrigger } from '@/components/ui/dialog';
import { CsvImportDialog } from './CsvImportDialog';
import { exportPath, type CsvKind } from './csvImport';

type CsvTransferActionsProps = {
  kind: CsvKind;
  workspaceId: string;
  /** Whether the member may import (the server's manageCatalog / manageCustomers); export needs only viewing. */
  canImport: boolean;
  /** The queries an import makes stale (the lists, and whatever else it may change). */
  invalidates: readonly QueryKey[];
};

/** "Export CSV" and, for those who may change the data, "Import CSV" with its dialog. */
export function CsvTransferActions({ kind, workspaceId, canImport, invalidates }: CsvTransferActionsProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);

  function handleImported() {
    return Promise.all(invalidates.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  }

  return (
    <>
      <Button asChild variant="secondary">
        <a href={exportPath(workspaceId, kind)} download={`${kind}.csv`}>
          {t('csvImport.export')}
        </a>
      </Button>
      {canImport && (
        <Dialog open={open} onOpenChange={setOpen}>
          <DialogTrigger asChild>
            <Button variant="secondary">{t('csvImport.open')}</Button>
          </DialogTrigger>
          {open && <CsvImportDialog kind={kind} workspaceId={workspaceId} onImported={handleImported} />}
        </Dialog>
      )}
    </>
  );
}
