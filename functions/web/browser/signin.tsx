/**
 * The sign-in page (`/signin`): locally through the dev issuer (pick a role and an
 * organisation; `POST /dev/token`), in AWS through the deployment's OIDC issuer (authorization
 * code + PKCE; `./oidc-sign-in.ts`, the issuer's callback comes back to this page). The token is
 * kept in sessionStorage; staff then land on `/console`, institutions on `/portal` (or on the
 * page that sent them here).
 */
import type { JSX } from 'preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { SignInSettings as SignInPageData } from '../sign-in-settings.js';
import { oidcSignInText as o, sessionMessages as m } from '../session-messages.js';
import { isCallback, type SignInFailure } from './oidc.js';
import { finishOidcSignIn, startOidcSignIn, type OidcSettings } from './oidc-sign-in.js';
import { api, pageData, type ApiError } from './page-runtime.js';
import { saveSession, sessionOfToken, type Session, type SignInReason } from './session.js';
import { Alert, Field, fieldErrors, StatusNote, useRefusalFocus } from './app/ui.js';

const fallback = { network: m.network, unexpected: m.unexpected };

/** Where a signed-in person goes: the page that sent them here when it is theirs, else their home. */
export function landingPath(session: Session, next: string | null): string {
  const home = session.role === 'admin' ? '/console' : '/portal';
  if (!next || !next.startsWith('/') || next.startsWith('//')) return home;
  return next === home || next.startsWith(`${home}/`) || next.startsWith(`${home}?`) ? next : home;
}

const reasonNotes: Readonly<Record<SignInReason, string>> = { expired: m.expired, role: m.wrongRole, signed_out: m.signedOut };

function DevSignIn(): JSX.Element {
  const [role, setRole] = useState<'admin' | 'institution'>('admin');
  const [orgId, setOrgId] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [running, setRunning] = useState(false);
  const focus = useRefusalFocus<HTMLFormElement>();
  const errors = fieldErrors(error);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (role === 'institution' && !orgId.trim()) {
      setError({ code: 'VALIDATION_FAILED', message: m.orgIdRequired, details: [{ path: 'orgId', message: m.orgIdRequired }] });
      return focus.refused();
    }
    setRunning(true);
    setError(undefined);
    const body = { role, ...(role === 'institution' ? { orgId: orgId.trim() } : {}), ...(name.trim() ? { name: name.trim() } : {}) };
    const result = await api<{ token: string }>('POST', '/dev/token', fallback, body);
    setRunning(false);
    if (!result.ok) {
      setError(result.error);
      return focus.refused();
    }
    const session = sessionOfToken(result.data.token);
    if (!session) return setError({ code: 'UNEXPECTED', message: m.unexpected, details: [] });
    saveSession(session);
    location.assign(landingPath(session, new URLSearchParams(location.search).get('next')));
  };

  return (
    <form ref={focus.ref} class="card" onSubmit={(event) => void submit(event)} noValidate>
      <p class="hint">{m.devNotice}</p>
      <Alert message={error && !errors['orgId'] ? error.message : undefined} />
      <Field label={m.role}>
        {(control) => (
          <select {...control} value={role} onChange={(event) => setRole(event.currentTarget.value === 'institution' ? 'institution' : 'admin')}>
            <option value="admin">{m.roles.admin}</option>
            <option value="institution">{m.roles.institution}</option>
          </select>
        )}
      </Field>
      <Field label={m.orgId} hint={m.orgIdHint} error={errors['orgId']}>
        {(control) => <input {...control} type="text" autoComplete="organization" maxLength={100} value={orgId} onInput={(event) => setOrgId(event.currentTarget.value)} />}
      </Field>
      <Field label={m.name} hint={m.nameHint} error={errors['name']}>
        {(control) => <input {...control} type="text" autoComplete="name" maxLength={100} value={name} onInput={(event) => setName(event.currentTarget.value)} />}
      </Field>
      <div class="actions">
        <button type="submit" class="primary" disabled={running}>
          {running ? m.signingIn : m.signIn}
        </button>
      </div>
    </form>
  );
}

const failureText: Readonly<Record<SignInFailure, string>> = o.failures;

/**
 * Sign-in through the deployment's OIDC issuer: `登录` sends the person there; back on this page
 * with the issuer's answer, the code is exchanged and the person lands where they were going.
 * A failure is shown in role=alert with `登录` again (and the answer removed from the address).
 */
function OidcSignIn(props: { readonly settings: OidcSettings }): JSX.Element {
  const returning = isCallback(location.search);
  const [running, setRunning] = useState(returning);
  const [failure, setFailure] = useState<SignInFailure | undefined>(undefined);

  useEffect(() => {
    if (!returning) return;
    void finishOidcSignIn(props.settings, location.search).then((outcome) => {
      // the code is used once: keep it out of the address bar and the history
      const retry = outcome.next ? `/signin?${new URLSearchParams({ next: outcome.next }).toString()}` : '/signin';
      history.replaceState(null, '', retry);
      if (outcome.kind === 'failed') {
        setFailure(outcome.failure);
        setRunning(false);
        return;
      }
      saveSession(outcome.session);
      location.assign(landingPath(outcome.session, outcome.next));
    });
  }, []);

  const start = async () => {
    setRunning(true);
    setFailure(undefined);
    const refused = await startOidcSignIn(props.settings, new URLSearchParams(location.search).get('next'));
    if (refused) {
      setFailure(refused);
      setRunning(false);
    }
  };

  return (
    <div class="card">
      <Alert message={failure ? failureText[failure] : undefined} />
      <p class="hint">{m.oidcIntro}</p>
      {running && returning && !failure ? (
        <p role="status">{o.completing}</p>
      ) : (
        <div class="actions">
          <button type="button" class="primary" disabled={running} onClick={() => void start()}>
            {running ? m.signingIn : m.signIn}
          </button>
        </div>
      )}
    </div>
  );
}

function SignInPage(props: { readonly signIn: SignInPageData }): JSX.Element {
  const reason = new URLSearchParams(location.search).get('reason') as SignInReason | null;
  const { signIn } = props;
  return (
    <>
      <h1>{m.signInTitle}</h1>
      <StatusNote message={reason && reason in reasonNotes ? reasonNotes[reason] : undefined} kind={reason === 'signed_out' ? 'success' : 'warn'} />
      {signIn.kind === 'dev' ? (
        <>
          <p>{m.signInIntro}</p>
          <DevSignIn />
        </>
      ) : signIn.kind === 'oidc' ? (
        <>
          <p>{o.intro}</p>
          <OidcSignIn settings={signIn} />
        </>
      ) : (
        <Alert message={m.unconfigured} />
      )}
    </>
  );
}

const root = document.getElementById('app');
if (root) render(<SignInPage signIn={pageData<{ signIn: SignInPageData }>().signIn} />, root);
