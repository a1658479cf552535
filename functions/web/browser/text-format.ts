/**
 * Text helpers of the page scripts that need no DOM (so pure modules and their unit tests can
 * use them too): message placeholders and Beijing times.
 */

/** Fills `{name}` placeholders of a message. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));
}

/** The parts of a time in Beijing, or none where the browser lacks the time zone. */
function beijingParts(date: Date, locale: string, options: Intl.DateTimeFormatOptions): Readonly<Record<string, string>> | undefined {
  try {
    return Object.fromEntries(new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', ...options }).formatToParts(date).map((part) => [part.type, part.value]));
  } catch {
    return undefined;
  }
}

/** The date of an ISO time in Beijing, as 2026年12月1日. */
export function beijingDate(iso: string): string {
  const date = new Date(iso);
  const parts = Number.isNaN(date.getTime()) ? undefined : beijingParts(date, 'en-US', { year: 'numeric', month: 'numeric', day: 'numeric' });
  return parts ? `${parts['year']}年${parts['month']}月${parts['day']}日` : iso;
}

/** An ISO time in Beijing, as 2026-12-01 17:59 (UTC ISO where the browser lacks the time zone). */
export function beijingTime(iso: string | undefined): string {
  const date = new Date(iso ?? '');
  if (Number.isNaN(date.getTime())) return iso ?? '';
  const part = beijingParts(date, 'zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
  if (!part) return date.toISOString();
  return `${part['year']}-${part['month']}-${part['day']} ${part['hour'] === '24' ? '00' : part['hour']}:${part['minute']}`;
}
