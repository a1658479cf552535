/**
 * The portal view `round` (`/portal/rounds/{id}`): what an open round's program asks before an
 * institution starts — the round's intake window, who may apply, the conditions, the materials
 * (formats, size limits), the indicators experts score and the form's fields — and `开始申报`.
 */
import type { JSX } from 'preact';
import { portalHomeText, portalRoundText as t } from '#functions/web/institution-messages.js';
import type { ViewProps } from '../app/shell.js';
import { beijingTime, useApi, WhenLoaded } from '../app/ui.js';
import { fill } from '../page-runtime.js';
import type { OpenRound, PublishedProgram } from './portal-api.js';
import { Missing } from './missing.js';
import { ProgramRequirements } from './program-requirements.js';
import { StartButton } from './start-button.js';
import { programPath } from '../app/program-path.js';

function RoundPage(props: { readonly round: OpenRound }): JSX.Element {
  const { round } = props;
  const [program] = useApi<PublishedProgram>(programPath(round.programId, round.programVersion, round.kind));
  return (
    <>
      <h1 id="round-title">{round.title}</h1>
      <WhenLoaded loaded={program}>
        {(data) => (
          <>
            <section class="card" aria-labelledby="round-title">
              <dl class="facts">
                <dt>{portalHomeText.program}</dt>
                <dd>{data.name}</dd>
                <dt>{t.issuer}</dt>
                <dd>{data.issuer}</dd>
                <dt>{t.policyRef}</dt>
                <dd>{data.policyRef}</dd>
                <dt>{t.applicantKinds}</dt>
                <dd>{data.applicantKinds.map((kind) => kind.label).join('、')}</dd>
                <dt>{portalHomeText.intake}</dt>
                <dd>{fill(portalHomeText.intakeRange, { opens: beijingTime(round.intakeOpensAt), closes: beijingTime(round.intakeClosesAt) })}</dd>
              </dl>
              <p class="hint">{t.startHint}</p>
              <div class="actions">
                <StartButton roundId={round.id} describedBy="round-title" />
              </div>
            </section>
            <ProgramRequirements program={data} level={2} />
            <div class="actions">
              <StartButton roundId={round.id} describedBy="round-title" />
            </div>
          </>
        )}
      </WhenLoaded>
    </>
  );
}

/** The `round` page of the portal. */
export function View(props: ViewProps): JSX.Element {
  const [rounds] = useApi<{ rounds?: OpenRound[] }>('/api/rounds');
  const id = props.params['id'] ?? '';
  return (
    <WhenLoaded loaded={rounds}>
      {(data) => {
        const round = (data.rounds ?? []).find((candidate) => candidate.id === id);
        return round ? <RoundPage round={round} /> : <Missing message={t.notOpen} />;
      }}
    </WhenLoaded>
  );
}
