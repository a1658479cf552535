/** A recognised unit as the API shows it (API.md v1.1 认定后管理). */
import { unitStatusLabels, type Unit } from '../../../shared/domain/unit.js';

/** The unit with its status label; the reminder bookkeeping stays inside. */
export function unitView(unit: Unit) {
  const { remindedDuties: _reminded, ...visible } = unit;
  return { ...visible, statusLabel: unitStatusLabels[unit.status] };
}
