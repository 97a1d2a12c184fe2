import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import type { SortOrder } from '@/lib/list';
import { cn } from '@/lib/cn';

/** A scrollable data table in the style of the dashboard's cards. */
export function Table({ className, ...props }: ComponentProps<'table'>) {
  return (
    <div className="overflow-x-auto">
      <table className={cn('w-full text-left text-sm', className)} {...props} />
    </div>
  );
}

export function TableHead({ className, ...props }: ComponentProps<'thead'>) {
  return <thead className={cn('text-xs tracking-wide text-slate-500 uppercase', className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentProps<'tbody'>) {
  return <tbody className={cn('divide-y divide-slate-100', className)} {...props} />;
}

export function Th({ className, ...props }: ComponentProps<'th'>) {
  return <th scope="col" className={cn('border-b border-slate-100 px-4 py-2.5 font-semibold', className)} {...props} />;
}

export function Td({ className, ...props }: ComponentProps<'td'>) {
  return <td className={cn('px-4 py-3 align-top', className)} {...props} />;
}

type SortableThProps<S extends string> = Omit<ComponentProps<'th'>, 'onClick'> & {
  field: S;
  label: string;
  /** The order the list shows now; undefined when it is not by a column (e.g. by relevance). */
  sort: S | undefined;
  order: SortOrder | undefined;
  onSort: (field: S) => void;
};

/** A column header that sorts the list by its field; pressing it again reverses the order. */
export function SortableTh<S extends string>({ field, label, sort, order, onSort, className, ...props }: SortableThProps<S>) {
  const { t } = useTranslation();
  const active = sort === field;
  return (
    <Th aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined} className={className} {...props}>
      <button
        type="button"
        onClick={() => onSort(field)}
        title={t('list.sortBy', { field: label })}
        className={cn(
          'inline-flex items-center gap-1 rounded-sm uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600',
          active && 'text-slate-900',
        )}
      >
        {label}
        <span aria-hidden="true" className={cn('text-[10px]', !active && 'opacity-30')}>
          {active && order === 'desc' ? '▼' : '▲'}
        </span>
      </button>
    </Th>
  );
}

/** One row spanning the table: "No products match these filters." */
export function EmptyRow({ colSpan, children }: { colSpan: number; children: string }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-5 py-8 text-center text-sm text-slate-500">
        {children}
      </td>
    </tr>
  );
}
