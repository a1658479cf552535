/**
 * The expert import (导入专家): an .xlsx or CSV file sent as it is to
 * `POST /api/admin/experts/import`, then the number imported and each rejected row with its
 * reason; a CSV template with the header row the import reads can be downloaded.
 */
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { expertsText as t, expertTemplateColumns, expertTemplateExample } from '#functions/web/staff-messages.js';
import { DataTable } from '../app/data-table.js';
import { errorText, Field, StatusNote, useAction, useRefusalFocus } from '../app/ui.js';
import { fill, saveBlob } from '../page-runtime.js';
import { authorizedApi } from '../session.js';

/** What the import answers. */
interface ImportOutcome {
  readonly imported: number;
  readonly rejected: readonly { readonly row: number; readonly reason: string }[];
}

/** Saves the CSV template (UTF-8 with BOM, so Excel on Chinese Windows opens it right). */
function downloadTemplate(): void {
  const csv = `\uFEFF${expertTemplateColumns.join(',')}\r\n${expertTemplateExample.join(',')}\r\n`;
  saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), t.templateName);
}

function Rejected(props: { readonly rows: ImportOutcome['rejected'] }): JSX.Element | null {
  if (props.rows.length === 0) return null;
  return (
    <DataTable headings={Object.values(t.rejectedColumns)} caption={fill(t.rejectedHeading, { count: props.rows.length })}>
      {props.rows.map((row) => (
        <tr key={row.row}>
          <td>{row.row}</td>
          <td>{row.reason}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The import card; `onImported` runs after experts were added. */
export function ExpertImport(props: { readonly onImported: () => void }): JSX.Element {
  const file = useRef<HTMLInputElement>(null);
  const [missing, setMissing] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | undefined>(undefined);
  const action = useAction();
  const focus = useRefusalFocus<HTMLFormElement>();
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const chosen = file.current?.files?.[0];
    setMissing(!chosen);
    if (!chosen) return focus.refused();
    setOutcome(undefined);
    void action.run(async () => {
      const result = await authorizedApi<ImportOutcome>('POST', '/api/admin/experts/import', chosen);
      if (!result.ok) return result.error;
      setOutcome(result.data);
      if (file.current) file.current.value = '';
      if (result.data.imported > 0) props.onImported();
      return undefined;
    }).then((ok) => ok || focus.refused());
  };
  return (
    <form ref={focus.ref} class="card" aria-labelledby="import-heading" onSubmit={onSubmit} noValidate>
      <h2 id="import-heading">{t.importHeading}</h2>
      <p class="hint">
        {t.importHint}{' '}
        <button type="button" class="link" onClick={downloadTemplate}>
          {t.template}
        </button>
      </p>
      <div class="toolbar">
        <Field label={t.file} error={missing ? t.fileRequired : action.error ? errorText(action.error) : undefined}>
          {(control) => <input {...control} ref={file} type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />}
        </Field>
        <button type="submit" class="primary" disabled={action.running}>
          {action.running ? t.importing : t.import}
        </button>
      </div>
      {outcome ? <StatusNote message={fill(t.imported, { count: outcome.imported })} kind={outcome.rejected.length > 0 ? 'warn' : 'success'} /> : null}
      {outcome ? <Rejected rows={outcome.rejected} /> : null}
    </form>
  );
}
