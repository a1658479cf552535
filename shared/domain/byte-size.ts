/** Byte counts written for people, in the Chinese messages of uploads. */

/** A byte count for people: `1536` → `1.5 KB`, `10485760` → `10 MB`. */
export function formatByteSize(bytes: number): string {
  const units = ['字节', 'KB', 'MB', 'GB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${bytes} 字节`;
  return `${Number(value.toFixed(1))} ${units[unit]}`;
}

/**
 * A size and a limit for people, precise enough to differ: `[10 MB, 10 MB]` becomes
 * `[10 MB（10485761 字节）, 10 MB（10485760 字节）]`.
 */
export function formatByteSizes(bytes: number, limit: number): [string, string] {
  const size = formatByteSize(bytes);
  const bound = formatByteSize(limit);
  if (size !== bound || bytes === limit) return [size, bound];
  return [`${size}（${bytes} 字节）`, `${bound}（${limit} 字节）`];
}
