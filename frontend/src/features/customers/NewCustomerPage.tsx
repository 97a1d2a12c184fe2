import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useListPath } from '@/components/data/listLinks';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { PageHeader } from '@/components/layout/PageHeader';
import { TextLink } from '@/components/ui/text-link';
import { useWorkspace } from '@/features/workspaces/api/workspaces';
import { workspaceSectionPath } from '@/features/workspaces/workspaceNav';
import { useCreateCustomer } from './api/customers';
import { CustomerForm } from './components/CustomerForm';

/** `/w/:workspaceId/customers/new` (Admins and Managers); opens the new customer once saved. */
export function NewCustomerPage() {
  const { t } = useTranslation();
  const { workspaceId = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const listPath = useListPath('customers');
  const workspace = useWorkspace(workspaceId);
  const create = useCreateCustomer(workspaceId);

  return (
    <div className="flex flex-col gap-6">
      <TextLink to={listPath}>← {t('customers.back')}</TextLink>
      <PageHeader title={t('customers.form.newTitle')} />
      {workspace.isError ? (
        <ProblemAlert error={workspace.error} message={t('customers.form.loadFailed')} />
      ) : workspace.data ? (
        <CustomerForm
          defaultLanguage={workspace.data.defaultLanguage}
          readOnly={false}
          onSubmit={(values) =>
            create.mutateAsync(values).then((customer) =>
              navigate(`${workspaceSectionPath(workspaceId, 'customers')}/${customer.id}`, { state: location.state }),
            )
          }
          saving={create.isPending}
          error={create.error}
          submitLabel={t('customers.form.create')}
        />
      ) : (
        <Loading />
      )}
    </div>
  );
}
