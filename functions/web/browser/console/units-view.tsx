/** The recognised units (`/console/units`, 认定单位): every unit with its organisation, program, cycle end and status, filtered by status. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { unitStatusLabels, type UnitStatus } from '#shared/domain/unit.js';
import { unitsText as t } from '#functions/web/unit-messages.js';
import type { ViewProps } from '../app/shell.js';
import { DataTable } from '../app/data-table.js';
import { beijingDate, useApi, WhenLoaded } from '../app/ui.js';

interface UnitRow {
  readonly id: string;
  readonly organization: string;
  readonly title: string;
  readonly programName: string;
  readonly recognizedAt: string;
  readonly cycleEndsAt: string;
  readonly status: UnitStatus;
}

/** The `units` page of the console. */
export function View(_props: ViewProps): JSX.Element {
  const [status, setStatus] = useState<UnitStatus | ''>('');
  const [units] = useApi<{ units: readonly UnitRow[] }>(`/api/admin/units${status ? `?status=${status}` : ''}`);
  return (
    <>
      <h1>{t.heading}</h1>
      <p class="hint intro">{t.intro}</p>
      <div class="toolbar">
        <label for="unit-status">{t.statusFilter}</label>
        <select id="unit-status" value={status} onChange={(event) => setStatus(event.currentTarget.value as UnitStatus | '')}>
          <option value="">{t.allStatuses}</option>
          {Object.entries(unitStatusLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <section class="card">
        <WhenLoaded loaded={units}>
          {(data) =>
            data.units.length === 0 ? (
              <p>{t.empty}</p>
            ) : (
              <DataTable headings={Object.values(t.columns)}>
                {data.units.map((unit) => (
                  <tr key={unit.id}>
                    <td>{unit.organization}</td>
                    <td>{unit.title}</td>
                    <td>{unit.programName}</td>
                    <td>{beijingDate(unit.recognizedAt)}</td>
                    <td>{beijingDate(unit.cycleEndsAt)}</td>
                    <td>{unitStatusLabels[unit.status]}</td>
                  </tr>
                ))}
              </DataTable>
            )
          }
        </WhenLoaded>
      </section>
    </>
  );
}
