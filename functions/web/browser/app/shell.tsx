/**
 * The frame of every signed-in page (staff console, institution portal): checks the session,
 * shows the navigation, the signed-in person and the `退出登录` button, and renders the view
 * the page catalogue names for this path with the path's parameters.
 */
import type { ComponentType, JSX } from 'preact';
import { render } from 'preact';
import { sessionMessages as m } from '#functions/web/session-messages.js';
import { pageData } from '../page-runtime.js';
import { requireSession, signOut, type Session } from '../session.js';

/** What the server tells a signed-in page (see `../../app-page.ts`). */
export interface AppPageData {
  readonly view: string;
  readonly title: string;
  readonly params: Readonly<Record<string, string>>;
}

/** What a view gets: the session and the parameters of its path. */
export interface ViewProps {
  readonly session: Session;
  readonly params: Readonly<Record<string, string>>;
}

/** A link of the navigation bar. */
export interface NavLink {
  readonly href: string;
  readonly label: string;
}

function Frame(props: { readonly session: Session; readonly nav: readonly NavLink[]; readonly audienceLabel: string; readonly children: JSX.Element }): JSX.Element {
  const here = location.pathname;
  return (
    <>
      <div class="appbar">
        <nav aria-label={m.mainNav}>
          <ul>
            {props.nav.map((link) => (
              <li key={link.href}>
                <a href={link.href} aria-current={here === link.href ? 'page' : undefined}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="account">
          <span>
            {props.audienceLabel}：{props.session.name}
          </span>
          <button type="button" onClick={signOut}>
            {m.signOut}
          </button>
        </div>
      </div>
      {props.children}
    </>
  );
}

/**
 * Renders the signed-in page: `views` by view name (every view of the audience, so a page in
 * the catalogue without a view fails the type check).
 */
export function mountApp<View extends string>(options: {
  readonly role: Session['role'];
  readonly audienceLabel: string;
  readonly nav: readonly NavLink[];
  readonly views: Readonly<Record<View, ComponentType<ViewProps>>>;
}): void {
  const session = requireSession(options.role);
  const root = document.getElementById('app');
  if (!session || !root) return;
  const data = pageData<AppPageData>();
  const View = (options.views as Readonly<Record<string, ComponentType<ViewProps>>>)[data.view];
  if (!View) return;
  render(
    <Frame session={session} nav={options.nav} audienceLabel={options.audienceLabel}>
      <View session={session} params={data.params} />
    </Frame>,
    root,
  );
}
