import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ActiveField, ListToolbar, SearchField } from '@/components/data/ListToolbar';
import { Pagination } from '@/components/data/Pagination';
import { EmptyRow, SortableTh, Table, TableBody, TableHead, Td, Th } from '@/components/data/table';
import { useListLinkState } from '@/components/data/listLinks';
import { useListParams } from '@/components/data/useListParams';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { PageHeader } from '@/components/layout/PageHeader';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { can } from '@/features/auth/permissions';
import { useCurrentMembership } from '@/features/workspaces/useCurrentMembership';
import { isLanguage, LANGUAGES } from '@/i18n/languages';
import { booleanParam, PAGE_SIZE, type SortOrder } from '@/lib/list';
import { FAQ_SORTS, useFaqs, type FaqSort } from './api/faqs';

function defaultOrder(sort: FaqSort): SortOrder {
  return sort === 'createdAt' ? 'desc' : 'asc';
}

export function FaqsPage() {
  const { t } = useTranslation();
  const { workspaceId = '' } = useParams();
  const membership = useCurrentMembership();
  const canManage = can(membership?.role, 'catalog.manage');
  const list = useListParams(FAQ_SORTS, defaultOrder);
  const linkState = useListLinkState();
  const language = list.get('language');
  const faqs = useFaqs(workspaceId, {
    search: list.get('search') || undefined,
    active: booleanParam(list.get('active')),
    language: isLanguage(language) ? language : undefined,
    sort: list.sort,
    order: list.order,
    page: list.page,
    limit: PAGE_SIZE,
  });
  const shownSort = list.sort ?? 'question';
  const shownOrder = list.order ?? 'asc';

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t('faqs.title')}
        description={t('faqs.subtitle')}
        actions={
          canManage && (
            <Button asChild>
              <Link to="new" state={linkState}>
                {t('faqs.new')}
              </Link>
            </Button>
          )
        }
      />
      <Card>
        <ListToolbar label={t('faqs.filters')}>
          <SearchField label={t('list.search')} value={list.get('search')} onValueChange={(search) => list.update({ search })} />
          <Field label={t('faqs.fields.language')}>
            {(control) => (
              <Select {...control} value={language} onChange={(event) => list.update({ language: event.target.value })}>
                <option value="">{t('faqs.anyLanguage')}</option>
                {LANGUAGES.map((option) => (
                  <option key={option.code} value={option.code}>
                    {t(`workspace.languages.${option.code}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <ActiveField value={list.get('active')} onValueChange={(active) => list.update({ active })} />
        </ListToolbar>
        {faqs.isError ? (
          <ProblemAlert error={faqs.error} message={t('faqs.loadFailed')} className="m-5" />
        ) : faqs.data ? (
          <div aria-busy={faqs.isPlaceholderData}>
            <Table aria-label={t('faqs.title')}>
              <TableHead>
                <tr>
                  <SortableTh
                    field="question"
                    label={t('faqs.fields.question')}
                    sort={shownSort}
                    order={shownOrder}
                    onSort={(field) => list.sortBy(field, { sort: shownSort, order: shownOrder })}
                  />
                  <Th>{t('faqs.fields.language')}</Th>
                  <Th>{t('faqs.fields.status')}</Th>
                </tr>
              </TableHead>
              <TableBody>
                {faqs.data.items.length === 0 && <EmptyRow colSpan={3}>{t('faqs.empty')}</EmptyRow>}
                {faqs.data.items.map((faq) => (
                  <tr key={faq.id}>
                    <Td>
                      <Link
                        to={faq.id}
                        state={linkState}
                        className="font-medium text-slate-900 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                      >
                        {faq.question}
                      </Link>
                      <p className="line-clamp-2 text-xs text-slate-500">{faq.answer}</p>
                    </Td>
                    <Td className="whitespace-nowrap">
                      <Badge>{t(`workspace.languages.${faq.language}`)}</Badge>
                    </Td>
                    <Td>
                      <Badge tone={faq.active ? 'success' : 'neutral'}>
                        {faq.active ? t('list.activeFilter.active') : t('list.activeFilter.inactive')}
                      </Badge>
                    </Td>
                  </tr>
                ))}
              </TableBody>
            </Table>
            <Pagination
              label={t('faqs.pagination')}
              page={list.page}
              limit={PAGE_SIZE}
              total={faqs.data.total}
              onPageChange={list.setPage}
            />
          </div>
        ) : (
          <div className="px-5 py-4">
            <Loading />
          </div>
        )}
      </Card>
    </div>
  );
}
