/**
 * The import preview → what its template prints: one block per ad (a card on small screens, a table row at desk
 * width), the category as a choice with the reading shown, branches, offers and accounts as sub-rows, and which
 * import buttons apply (all rows, or only the ready ones while others wait to be fixed).
 */
import type { Lang } from '../../core/i18n.js';
import { listingPath } from '../listings/index.js';
import type { DeskDraft } from './desk.repository.js';
import { splitList } from './desk-csv.js';
import { SUBROWS, SUBROW_COLUMNS, subRowsOf, type SubRowColumn } from './desk-subrows.js';
import { deskKind, type DeskColumn } from './desk-rows.js';
import type { Evaluation, EvaluatedRow } from './desk.service.js';
import { needsLook, PREVIEW_PAGE_SIZE } from './desk.view-models.js';

type T = (key: string, params?: Record<string, string | number>) => string;
export interface PreviewCategory { id: number; slug: string; nameKo: string; nameEn: string; parentId: number | null }

function field(r: EvaluatedRow, col: DeskColumn, label: string, t: T) {
  const err = r.errors[col];
  return {
    name: `r${r.index}_${col}`,
    id: `r${r.index}-${col}`,
    value: r.cells[col],
    label,
    error: err ? t(err) : null,
    unsure: r.unsure.includes(col),
  };
}

function categoryField(r: EvaluatedRow, categories: PreviewCategory[], lang: Lang, t: T) {
  const nameOf = (c: PreviewCategory) => (lang === 'en' ? c.nameEn : c.nameKo);
  const byId = new Map(categories.map((c) => [c.id, c]));
  const typed = splitList(r.cells.category, ';').filter(Boolean);
  const chosen = r.draft?.categoryIds ?? [];
  // The first category read (matched, near or not found) is the select's value; the rest ride along unchanged.
  const first = typed[0] ?? '';
  const firstId =
    r.categories.unknown?.typed === first
      ? null
      : ((r.draft ? chosen[0] : null) ?? r.categories.near.find((n) => n.typed === first)?.id ?? null);
  const firstCat = firstId !== null ? byId.get(firstId) ?? null : categories.find((c) => c.slug === first || c.nameKo === first) ?? null;
  const leaves = categories.filter((c) => c.parentId !== null).sort((a, b) => nameOf(a).localeCompare(nameOf(b), lang));
  const options = [
    { value: '', label: t('desk.category.choose'), selected: !first },
    ...(first && !firstCat ? [{ value: first, label: t('desk.category.typed', { typed: first }), selected: true }] : []),
    ...leaves.map((c) => ({ value: c.slug, label: nameOf(c), selected: firstCat?.id === c.id })),
  ];
  const near = r.categories.near.map((n) =>
    t('desk.category.near', { typed: n.typed, name: byId.get(n.id) ? nameOf(byId.get(n.id)!) : n.typed }),
  );
  const unknown = r.categories.unknown;
  const suggestions = unknown
    ? unknown.suggestions
        .map((id) => byId.get(id))
        .filter((c): c is PreviewCategory => Boolean(c))
        .map(nameOf)
    : [];
  const more = typed.slice(1);
  return {
    ...field(r, 'category', t('desk.col.category'), t),
    options,
    error: unknown
      ? t(suggestions.length ? 'desk.category.unknown' : 'desk.category.unknownNone', {
          typed: unknown.typed,
          suggestions: suggestions.join(', '),
        })
      : r.errors.category
        ? t(r.errors.category)
        : null,
    notes: near,
    unsure: r.unsure.includes('category') || near.length > 0,
    more: more.length
      ? { name: `r${r.index}_category_more`, value: more.join(';'), text: t('desk.category.more', { names: more.join(', ') }) }
      : null,
  };
}

function subRows(r: EvaluatedRow, col: SubRowColumn, label: string, t: T) {
  const { key, parts } = SUBROWS[col];
  const items = [...subRowsOf(col, r.cells[col]), parts.map(() => '')];
  const err = r.errors[col];
  return {
    col,
    legend: t(`desk.sub.${col}`),
    countName: `r${r.index}_${col}_n`,
    count: items.length,
    error: err ? t(err) : null,
    unsure: r.unsure.includes(col),
    items: items.map((values, j) => ({
      isNew: j === items.length - 1,
      fields: parts.map((part, k) => ({
        part,
        name: `r${r.index}_${key}${j}_${part}`,
        id: `r${r.index}-${key}${j}-${part}`,
        value: values[k],
        label: t(`desk.sub.${key}.${part}`),
        hidden: t('desk.sub.fieldLabel', { row: label, what: t(`desk.sub.${col}`), n: j + 1, part: '' }).trim(),
      })),
    })),
  };
}

export function previewVM(
  p: {
    draft: DeskDraft;
    evaluation: Evaluation;
    categories: PreviewCategory[];
    show: 'all' | 'problems';
    page: number;
    csrfToken: string;
    notice: string | null;
    error: string | null;
    encoding: string | null;
    ignored: string | null;
  },
  lang: Lang,
  t: T,
) {
  const { draft, evaluation } = p;
  const filtered = p.show === 'problems' ? evaluation.rows.filter(needsLook) : evaluation.rows;
  const pageCount = Math.max(1, Math.ceil(filtered.length / PREVIEW_PAGE_SIZE));
  const page = Math.min(Math.max(1, p.page), pageCount);
  const shown = filtered.slice((page - 1) * PREVIEW_PAGE_SIZE, page * PREVIEW_PAGE_SIZE);
  const base = `/desk/imports/${draft.id}`;
  const c = evaluation.counts;
  const ready = c.valid + c.duplicates;
  return {
    action: base,
    csrfToken: p.csrfToken,
    notice: p.notice ? t(p.notice) : null,
    error: p.error ? t(p.error) : null,
    encoding: p.encoding ? t('desk.preview.encoding', { encoding: p.encoding }) : null,
    ignored: p.ignored ? t('desk.preview.ignored', { columns: p.ignored }) : null,
    summary: t('desk.preview.summary', c),
    canImport: c.invalid === 0 && c.total > c.dropped,
    canImportReady: c.invalid > 0 && ready > 0,
    importHelp:
      c.invalid === 0
        ? t('desk.preview.importAllHelp')
        : ready > 0
          ? t('desk.preview.readyHelp', { ready, invalid: c.invalid })
          : t('desk.error.noneReady'),
    show: p.show,
    tabs: [
      { label: t('desk.preview.showAll'), href: `${base}?show=all`, current: p.show === 'all' },
      { label: t('desk.preview.showProblems'), href: `${base}?show=problems`, current: p.show === 'problems' },
    ],
    pages:
      pageCount > 1
        ? Array.from({ length: pageCount }, (_, i) => ({ n: i + 1, href: `${base}?show=${p.show}&page=${i + 1}`, current: i + 1 === page }))
        : [],
    shownIndexes: shown.map((r) => r.index).join(','),
    rows: shown.map((r) => {
      const state = r.dropped ? 'dropped' : !r.draft ? 'error' : r.existing ? 'existing' : 'ok';
      const label = String(r.line);
      const kind = deskKind(r.cells.kind);
      return {
        index: r.index,
        label,
        state,
        title: t('desk.preview.rowTitle', { row: label, name: r.cells.name || t('desk.preview.noName') }),
        stateText: state === 'existing' ? t('desk.preview.existing') : t(`desk.preview.${state}`),
        existing: r.existing ? { name: r.existing.name, url: listingPath(r.existing) } : null,
        duplicate: r.duplicate,
        dropped: r.dropped,
        dropName: `r${r.index}_drop`,
        dupName: `r${r.index}_dup`,
        name: field(r, 'name', t('desk.col.name'), t),
        kind: {
          ...field(r, 'kind', t('desk.col.kind'), t),
          options: [
            ...(kind ? [] : [{ value: r.cells.kind, label: r.cells.kind, selected: true }]),
            ...(['business', 'classified'] as const).map((k) => ({ value: k, label: t(`desk.preview.kind.${k}`), selected: kind === k })),
          ],
        },
        category: categoryField(r, p.categories, lang, t),
        phones: field(r, 'phones', t('desk.col.phones'), t),
        subs: SUBROW_COLUMNS.map((col) => subRows(r, col, label, t)),
        description: field(r, 'description', t('desk.col.description'), t),
        website: field(r, 'website', t('desk.col.website'), t),
        businessNumber: field(r, 'business_number', t('desk.col.business_number'), t),
      };
    }),
  };
}
