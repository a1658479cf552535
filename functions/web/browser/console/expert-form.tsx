/**
 * The 添加专家 form of the expert pool: name, e-mail, organisation, region, expertise and
 * conflicts (lists separated by commas or 、) and capacity, sent to `POST /api/admin/experts`;
 * refusals are shown beside their fields.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { splitList } from '#shared/domain/expert.js';
import { expertsText as t } from '#functions/web/staff-messages.js';
import { FormButtons } from '../app/data-table.js';
import { Alert, Field, fieldErrors, useAction, useRefusalFocus } from '../app/ui.js';
import { authorizedApi } from '../session.js';

const fields = ['name', 'email', 'organization', 'region', 'expertise', 'conflicts', 'capacity'] as const;
type Values = Readonly<Record<(typeof fields)[number], string>>;
const blank: Values = { name: '', email: '', organization: '', region: '', expertise: '', conflicts: '', capacity: '' };

function bodyOf(values: Values): Record<string, unknown> {
  const conflicts = splitList(values.conflicts);
  const capacity = values.capacity.trim();
  return {
    name: values.name.trim(),
    email: values.email.trim(),
    organization: values.organization.trim(),
    ...(values.region.trim() ? { region: values.region.trim() } : {}),
    expertise: splitList(values.expertise),
    ...(conflicts.length > 0 ? { conflicts } : {}),
    // a non-number goes as typed, so the API's refusal names the field
    ...(capacity ? { capacity: /^\d+$/.test(capacity) ? Number(capacity) : capacity } : {}),
  };
}

/** The refusal's messages by form field (`expertise.0` under 专业领域). */
function errorsByField(details: Readonly<Record<string, string>>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(details)) {
    const field = path.split('.')[0] ?? path;
    errors[field] = errors[field] ? `${errors[field]} ${message}` : message;
  }
  return errors;
}

/** The form; `onAdded` gets the new expert's name. */
export function ExpertForm(props: { readonly onAdded: (name: string) => void; readonly onCancel: () => void }): JSX.Element {
  const [values, setValues] = useState<Values>(blank);
  const action = useAction();
  const focus = useRefusalFocus<HTMLFormElement>();
  const errors = errorsByField(fieldErrors(action.error));
  const known = Object.keys(errors).every((field) => (fields as readonly string[]).includes(field));
  const input = (field: keyof Values, type = 'text') => (control: object) => (
    <input
      {...control}
      type={type}
      {...(field === 'capacity' ? { inputMode: 'numeric' as const } : {})}
      value={values[field]}
      onInput={(event) => {
        const value = event.currentTarget.value;
        setValues((current) => ({ ...current, [field]: value }));
      }}
    />
  );
  const onSubmit = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      const result = await authorizedApi<{ expert: { name: string } }>('POST', '/api/admin/experts', bodyOf(values));
      if (!result.ok) return result.error;
      setValues(blank);
      props.onAdded(result.data.expert.name);
      return undefined;
    }).then((ok) => ok || focus.refused());
  };
  return (
    <form ref={focus.ref} class="card" aria-labelledby="expert-form-heading" onSubmit={onSubmit} noValidate>
      <h2 id="expert-form-heading">{t.addHeading}</h2>
      <Alert message={action.error && !known ? action.error.message : undefined} />
      <div class="grid2">
        <Field label={t.name} error={errors['name']} required>
          {input('name')}
        </Field>
        <Field label={t.email} error={errors['email']} required>
          {input('email', 'email')}
        </Field>
        <Field label={t.organization} error={errors['organization']} required>
          {input('organization')}
        </Field>
        <Field label={t.region} error={errors['region']}>
          {input('region')}
        </Field>
        <Field label={t.expertise} hint={t.listHint} error={errors['expertise']}>
          {input('expertise')}
        </Field>
        <Field label={t.capacity} hint={t.capacityHint} error={errors['capacity']}>
          {input('capacity')}
        </Field>
      </div>
      <Field label={t.conflicts} hint={t.conflictsHint} error={errors['conflicts']}>
        {input('conflicts')}
      </Field>
      <FormButtons submit={t.add} cancel={t.cancel} running={action.running} onCancel={props.onCancel} />
    </form>
  );
}
