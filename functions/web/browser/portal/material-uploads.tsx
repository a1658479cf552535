/**
 * One material of an application (申报材料) or an annual report: its file input labelled with the material's
 * title, formats and size limit, the files uploaded for it with their verdicts, and the upload
 * itself — checked in the browser, registered with the API, sent straight to the bucket with a
 * progress bar, then the processor's verdict polled until it appears (已通过校验 or the reason).
 */
import type { JSX } from 'preact';
import { useId, useState } from 'preact/hooks';
import { formatByteSize } from '#shared/domain/byte-size.js';
import type { Material } from '#shared/programs/schema.js';
import { portalApplicationText as t } from '#functions/web/institution-messages.js';
import { describedControl, errorText, FieldNotes, RequiredMark } from '../app/ui.js';
import { fill } from '../page-runtime.js';
import { authorizedApi } from '../session.js';
import { postToBucket, type PresignedPost } from './bucket-upload.js';
import { acceptOf, checkFile, materialHint } from './evidence-files.js';
import type { EvidenceItem } from './portal-api.js';

/** How often, and how many times, the page asks for a file's verdict. */
const verdictPoll = { intervalMs: 1000, attempts: 90 } as const;

/** Changes the application's list of files. */
export type EvidenceUpdate = (update: (items: readonly EvidenceItem[]) => readonly EvidenceItem[]) => void;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks for a file's verdict until it is verified or rejected; the last answer (maybe still pending). */
async function awaitVerdict(base: string, evidenceId: string, onAnswer: (item: EvidenceItem) => void): Promise<EvidenceItem | undefined> {
  let last: EvidenceItem | undefined;
  for (let attempt = 0; attempt < verdictPoll.attempts; attempt += 1) {
    await sleep(verdictPoll.intervalMs);
    const answer = await authorizedApi<{ evidence: EvidenceItem }>('GET', `${base}/${encodeURIComponent(evidenceId)}`);
    if (!answer.ok) continue;
    last = answer.data.evidence;
    onAnswer(last);
    if (last.status !== 'pending') return last;
  }
  return last;
}

function Verdict(props: { readonly item: EvidenceItem }): JSX.Element {
  const { item } = props;
  if (item.status === 'verified') return <span class="badge ok">{t.verified}</span>;
  if (item.status === 'rejected') return <span class="badge bad">{fill(t.rejected, { reason: item.reason ?? t.rejectedFallback })}</span>;
  return <span class="badge">{t.checking}</span>;
}

/**
 * A material's file input, files and upload progress; `evidenceBase` is the collection the files
 * are registered in (`/api/applications/{id}/evidence`, `/api/units/{id}/reports/{reportId}/evidence`).
 */
export function MaterialUpload(props: {
  readonly evidenceBase: string;
  readonly material: Material;
  readonly items: readonly EvidenceItem[];
  readonly editable: boolean;
  readonly error: string | undefined;
  readonly onEvidence: EvidenceUpdate;
}): JSX.Element {
  const { material, evidenceBase: base } = props;
  const id = useId();
  const [percent, setPercent] = useState<number | undefined>(undefined);
  const [note, setNote] = useState<{ readonly kind: 'error' | 'warn'; readonly text: string } | undefined>(undefined);
  const busy = percent !== undefined;

  const replace = (item: EvidenceItem) => props.onEvidence((items) => items.map((current) => (current.id === item.id ? item : current)));
  const drop = (evidenceId: string) => props.onEvidence((items) => items.filter((current) => current.id !== evidenceId));
  const remove = async (item: EvidenceItem) => {
    const removed = await authorizedApi('DELETE', `${base}/${encodeURIComponent(item.id)}`);
    if (removed.ok) drop(item.id);
    else setNote({ kind: 'error', text: errorText(removed.error) });
  };

  const upload = async (file: File) => {
    setNote(undefined);
    const check = checkFile(material, file);
    if (!check.ok) {
      setNote({ kind: 'error', text: check.message });
      return;
    }
    setPercent(0);
    const registered = await authorizedApi<{ evidence: EvidenceItem; upload: PresignedPost }>('POST', base, { materialKey: material.key, fileName: file.name, contentType: check.contentType, size: file.size });
    if (!registered.ok) {
      setPercent(undefined);
      setNote({ kind: 'error', text: errorText(registered.error) });
      return;
    }
    const evidence: EvidenceItem = { ...registered.data.evidence, materialKey: material.key, fileName: file.name, size: file.size };
    const previous = material.multiple ? [] : props.items;
    props.onEvidence((items) => [...items, evidence]);
    const sent = await postToBucket(registered.data.upload, file, file.name, check.contentType, setPercent);
    setPercent(undefined);
    if (!sent.ok) {
      setNote({ kind: 'error', text: fill(t.uploadFailed, { reason: fill(t.uploadRefused, { status: sent.status }) }) });
      await authorizedApi('DELETE', `${base}/${encodeURIComponent(evidence.id)}`);
      drop(evidence.id);
      return;
    }
    // A single-file material keeps only its newest file: the one it replaces is taken back.
    await Promise.all(previous.map((item) => remove(item)));
    const verdict = await awaitVerdict(base, evidence.id, replace);
    if (!verdict || verdict.status === 'pending') setNote({ kind: 'warn', text: t.checkSlow });
  };

  const required = <RequiredMark required={material.required} />;
  const hint = [material.required ? t.requiredMaterial : t.optionalMaterial, materialHint(material), material.multiple ? t.multipleMaterial : (material.description ?? ''), props.items.length > 0 && !material.multiple && props.editable ? t.replaceHint : '']
    .filter(Boolean)
    .join('；');
  return (
    <div class="material">
      {props.editable ? (
        <>
          <label for={id}>{material.title}</label>
          {required}
        </>
      ) : (
        <p class="label">
          {material.title}
          {required}
        </p>
      )}
      <FieldNotes id={id} hint={hint} />
      {props.items.length > 0 ? (
        <ul class="files">
          {props.items.map((item) => (
            <li key={item.id}>
              <span class="file-name">{item.fileName}</span> <span class="hint">（{formatByteSize(item.size)}{item.pages ? `，${fill(t.pages, { pages: item.pages })}` : ''}）</span> <Verdict item={item} />
              {props.editable ? (
                <button type="button" class="small" aria-label={fill(t.removeFile, { file: item.fileName })} disabled={busy} onClick={() => void remove(item)}>
                  {t.remove}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="hint">{t.noFile}</p>
      )}
      {props.editable ? (
        <input
          type="file"
          accept={acceptOf(material)}
          disabled={busy}
          {...describedControl(id, hint, props.error)}
          onChange={(event) => {
            const input = event.currentTarget;
            const file = input.files?.[0];
            input.value = '';
            if (file) void upload(file);
          }}
        />
      ) : null}
      {busy ? (
        <div class="upload-progress" role="status">
          <progress max={100} value={percent} aria-label={t.uploadProgress} />
          <span>{fill(t.uploading, { percent })}</span>
        </div>
      ) : null}
      {note ? (
        <p class={note.kind === 'error' ? 'field-error' : 'hint'} role={note.kind === 'error' ? 'alert' : 'status'}>
          {note.text}
        </p>
      ) : null}
      <FieldNotes id={id} error={props.error} />
    </div>
  );
}
