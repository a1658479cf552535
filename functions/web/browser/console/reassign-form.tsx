/**
 * The 改派 form of one review task: the expert to step in (chosen from the pool, or 自动选择:
 * the best eligible alternate the API picks) and the required reason, sent to
 * `POST /api/admin/review-tasks/{taskId}/reassign`; a refusal (e.g. EXPERT_NOT_ELIGIBLE with
 * its reason) is shown beside the field it concerns.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { reviewsText as t } from '#functions/web/staff-messages.js';
import { FormButtons } from '../app/data-table.js';
import { Alert, Field, fieldErrors, useAction, useRefusalFocus } from '../app/ui.js';
import { fill } from '../page-runtime.js';
import { authorizedApi } from '../session.js';

/** An expert the task may go to. */
export interface Candidate {
  readonly id: string;
  readonly name: string;
  readonly organization: string;
}

/** The task being reassigned, as the progress view shows it. */
export interface ReassignedTask {
  readonly taskId: string;
  readonly expertName: string;
}

/** The form; `onDone` gets the new expert's name once the API replaced the expert. */
export function ReassignForm(props: {
  readonly task: ReassignedTask;
  readonly candidates: readonly Candidate[];
  readonly onDone: (expertName: string) => void;
  readonly onCancel: () => void;
}): JSX.Element {
  const [expertId, setExpertId] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const action = useAction();
  const focus = useRefusalFocus<HTMLFormElement>();
  const errors = fieldErrors(action.error);
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const why = reason.trim();
    setMissing(!why);
    if (!why) return focus.refused();
    void action.run(async () => {
      const result = await authorizedApi<{ replacement: { expertName: string } }>('POST', `/api/admin/review-tasks/${encodeURIComponent(props.task.taskId)}/reassign`, {
        ...(expertId ? { expertId } : {}),
        reason: why,
      });
      if (!result.ok) return result.error;
      props.onDone(result.data.replacement.expertName);
      return undefined;
    }).then((ok) => ok || focus.refused());
  };
  const headingId = `reassign-${props.task.taskId}`;
  return (
    <form ref={focus.ref} class="card" aria-labelledby={headingId} onSubmit={onSubmit} noValidate>
      <h3 id={headingId}>{fill(t.reassignHeading, { name: props.task.expertName })}</h3>
      <Alert message={action.error && !errors['expertId'] && !errors['reason'] ? action.error.message : undefined} />
      <div class="grid2">
        <Field label={t.expert} error={errors['expertId'] ? action.error?.message : undefined}>
          {(control) => (
            <select {...control} value={expertId} onChange={(event) => setExpertId(event.currentTarget.value)}>
              <option value="">{t.automatic}</option>
              {props.candidates.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name}（{candidate.organization}）
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t.reason} error={missing ? t.reasonRequired : errors['reason']} required>
          {(control) => <input {...control} type="text" value={reason} onInput={(event) => setReason(event.currentTarget.value)} />}
        </Field>
      </div>
      <FormButtons submit={t.confirm} cancel={t.cancel} running={action.running} onCancel={props.onCancel} />
    </form>
  );
}
