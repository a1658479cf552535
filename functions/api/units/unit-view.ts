/** A recognised unit as the API shows it (API.md v1.1 认定后管理). */
import { unitStatusLabels, type Unit } from '#shared/domain/unit.js';
import type { Dependencies } from '#functions/composition-root.js';
import { findProgramVersion } from '#functions/record-lookups.js';

/** The unit with its status label and its program's name; the reminder bookkeeping stays inside. */
export function unitView(unit: Unit, programName: string) {
  const { remindedDuties: _reminded, ...visible } = unit;
  return { ...visible, programName, statusLabel: unitStatusLabels[unit.status] };
}

/** Each unit's view, its program named as the version it was recognised on names it (the id when that program is gone). */
export async function unitViews(deps: Dependencies, units: readonly Unit[]): Promise<ReturnType<typeof unitView>[]> {
  const names = new Map<string, Promise<string>>();
  const nameOf = (unit: Unit): Promise<string> => {
    const key = `${unit.programId}@${unit.programVersion ?? 1}`;
    let name = names.get(key);
    if (name === undefined) {
      name = findProgramVersion(deps, unit.programId, unit.programVersion ?? 1).then((program) => program?.name ?? unit.programId);
      names.set(key, name);
    }
    return name;
  };
  return Promise.all(units.map(async (unit) => unitView(unit, await nameOf(unit))));
}
