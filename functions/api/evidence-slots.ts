/** Upload slots (presigned POST into quarantine) for an application's or an annual report's files. */
import * as z from 'zod';
import { uploadPolicyMaxSeconds } from '#infra/definitions/data-store.js';
import type { Change } from '#shared/domain/audit-event.js';
import type { Evidence } from '#shared/domain/evidence.js';
import type { Material } from '#shared/programs/schema.js';
import { tagged, type StatusGuard } from '#shared/ports/record-store.js';
import type { Dependencies } from '../composition-root.js';
import { boundedId, boundedText, finiteNumber } from './http/bounded-schemas.js';

/** The upload a client asks for (API.md: `{"materialKey","fileName","contentType","size"}`). */
export const uploadRequestBody = z
  .object({
    materialKey: boundedId,
    fileName: boundedText(200, { min: 1 }),
    contentType: boundedText(200, { min: 1 }),
    size: finiteNumber({ min: 1, max: Number.MAX_SAFE_INTEGER, int: true }),
  })
  .strict();

/**
 * Presigns the upload of a new file slot and writes the slot with a guard on its owner (still
 * editable, version moved on): never a slot on a submitted owner, and a submission racing it
 * decides again on the fresh set of files.
 */
export async function openUploadSlot(
  deps: Dependencies,
  slot: { readonly change: Change<Evidence>; readonly material: Material },
  request: z.output<typeof uploadRequestBody>,
  ownerGuard: StatusGuard,
) {
  const upload = await deps.blobs.presignUpload({
    key: slot.change.entity.quarantineKey,
    contentType: request.contentType,
    maxBytes: Math.min(slot.material.maxBytes, request.size),
    expiresInSeconds: uploadPolicyMaxSeconds,
  });
  await deps.records.commit([tagged('evidence', slot.change), ownerGuard]);
  return { evidence: slot.change.entity, upload };
}
