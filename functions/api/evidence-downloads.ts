/** Short-lived download links (presigned GET) to verified evidence, for expert review links and staff. */
import type { Evidence } from '#shared/domain/evidence.js';
import type { Dependencies } from '../composition-root.js';

/** Download links to materials live this long. */
export const downloadSeconds = 5 * 60;

/**
 * A presigned GET of a checked file under its uploaded name, valid {@link downloadSeconds};
 * undefined for a file not (or no longer) in `evidence/` (pending, refused or taken back).
 */
export async function evidenceDownloadUrl(deps: Dependencies, item: Evidence): Promise<string | undefined> {
  if (item.status !== 'verified' || !item.evidenceKey) return undefined;
  return deps.blobs.presignDownload(item.evidenceKey, downloadSeconds, item.fileName);
}
