/**
 * The portal view `profile` (`/portal/profile`, 单位信息): the organisation's name, kind (单位类型,
 * the platform's vocabulary) and 统一社会信用代码, read from and saved to `/api/profile`;
 * refusals are shown beside their fields.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { portalProfileText as t } from '#functions/web/institution-messages.js';
import type { ViewProps } from '../app/shell.js';
import { Alert, Field, fieldErrors, StatusNote, useAction, useApi, useRefusalFocus, WhenLoaded } from '../app/ui.js';
import { authorizedApi } from '../session.js';

/** The organisation as `GET /api/profile` answers it. */
interface Profile {
  readonly organization: { readonly name: string; readonly kind?: string; readonly creditCode?: string } | null;
  readonly kinds: readonly { readonly code: string; readonly label: string }[];
}

type Values = { readonly name: string; readonly kind: string; readonly creditCode: string };

function ProfileForm(props: { readonly profile: Profile }): JSX.Element {
  const { organization, kinds } = props.profile;
  const [values, setValues] = useState<Values>({ name: organization?.name ?? '', kind: organization?.kind ?? '', creditCode: organization?.creditCode ?? '' });
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const focus = useRefusalFocus<HTMLFormElement>();
  const errors = fieldErrors(action.error);
  const known = Object.keys(errors).length > 0 && Object.keys(errors).every((field) => field in values);
  const set = (field: keyof Values) => (event: { currentTarget: HTMLInputElement | HTMLSelectElement }) => {
    const value = event.currentTarget.value;
    setSaved(false);
    setValues((current) => ({ ...current, [field]: value }));
  };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    setSaved(false);
    const creditCode = values.creditCode.trim();
    void action
      .run(async () => {
        const result = await authorizedApi('PUT', '/api/profile', { name: values.name.trim(), kind: values.kind, ...(creditCode ? { creditCode } : {}) });
        if (!result.ok) return result.error;
        setSaved(true);
        return undefined;
      })
      .then((ok) => ok || focus.refused());
  };
  return (
    <form ref={focus.ref} class="card" aria-label={t.heading} onSubmit={onSubmit} noValidate>
      {organization?.kind ? null : <StatusNote kind="warn" message={t.missing} />}
      <Alert message={action.error && !known ? action.error.message : undefined} />
      <Field label={t.name} error={errors['name']} required>
        {(control) => <input {...control} type="text" maxLength={100} value={values.name} onInput={set('name')} />}
      </Field>
      <Field label={t.kind} error={errors['kind']} required>
        {(control) => (
          <select {...control} value={values.kind} onChange={set('kind')}>
            <option value="">{t.kindPlaceholder}</option>
            {kinds.map((kind) => (
              <option key={kind.code} value={kind.code}>
                {kind.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t.creditCode} hint={t.creditCodeHint} error={errors['creditCode']}>
        {(control) => <input {...control} type="text" maxLength={18} autoComplete="off" value={values.creditCode} onInput={set('creditCode')} />}
      </Field>
      <div class="actions">
        <button type="submit" class="primary" disabled={action.running}>
          {action.running ? t.saving : t.save}
        </button>
      </div>
      <StatusNote message={saved ? t.saved : undefined} />
    </form>
  );
}

/** The page: the intro and the form once the profile is loaded. */
export function View(_props: ViewProps): JSX.Element {
  const [profile] = useApi<Profile>('/api/profile');
  return (
    <>
      <h1>{t.heading}</h1>
      <p>{t.intro}</p>
      <WhenLoaded loaded={profile}>{(data) => <ProfileForm profile={data} />}</WhenLoaded>
    </>
  );
}
