/**
 * What the expert assignment sees of a round (one mapping for the assignment itself, the
 * alternates of a reassignment and the recusal list staff read, so all three apply the same
 * 回避 rules): an application becomes its applicant, region, subject tags, related
 * organisations and declared avoid list, as its program's `assignment` section reads them
 * from the form; an expert becomes the fields the assignment compares.
 *
 * Form values become names this way: a select or multiselect counts as its option labels
 * (so 产业集群 options match expertise written in Chinese), a text or text area as its items,
 * one per line or separated by 、，,；; ({@link splitList}). Regions lose a trailing 市 (柳州市
 * and 柳州 are one region), on both sides.
 */
import { assignmentSettingsSchema, type AssignmentSettings, type FormField, type ProgramTemplate } from '../programs/schema.js';
import type { Application } from './application.js';
import type { AssignmentApplication, AssignmentContext, AssignmentExpert } from './assignment.js';
import { splitList, type Expert } from './expert.js';
import { holdsCapacity, type ReviewTask } from './review-task.js';
import { avoidsSameRegion, type Round } from './round.js';

/** The names a form value gives: option labels for a select, list items for text. */
function namesOf(field: FormField | undefined, value: unknown): string[] {
  if (field === undefined || value === undefined || value === null) return [];
  if (field.type === 'select' || field.type === 'multiselect') {
    const chosen = Array.isArray(value) ? value : [value];
    return chosen.flatMap((item) => {
      const option = field.options.find((candidate) => candidate.value === item);
      return option ? [option.label] : [];
    });
  }
  return typeof value === 'string' ? splitList(value) : [];
}

/** The names of several form fields, each once, in field order. */
function namesOfFields(program: Pick<ProgramTemplate, 'form'>, form: Application['form'], keys: readonly string[]): string[] {
  const names = keys.flatMap((key) => namesOf(program.form.find((field) => field.key === key), form[key]));
  return [...new Set(names)];
}

/**
 * A region's name as the assignment compares it: trimmed, without a trailing 市 (柳州市 → 柳州);
 * undefined when empty.
 *
 * @example
 * regionName(' 柳州市 '); // '柳州'
 */
export function regionName(region: string | undefined): string | undefined {
  const trimmed = region?.trim() ?? '';
  const name = trimmed.length > 2 && trimmed.endsWith('市') ? trimmed.slice(0, -1) : trimmed;
  return name === '' ? undefined : name;
}

const noSettings: AssignmentSettings = assignmentSettingsSchema.parse({});

/**
 * An application as the assignment sees it, read from its form by the program's `assignment`
 * section (a program without one gives the applicant's name only).
 *
 * @example
 * assignmentApplication(application, program);
 * // { id, organization: '广西大学', region: '南宁', tags: ['汽车'], relatedOrganizations: ['上汽通用五菱汽车股份有限公司'], avoid: ['张三'] }
 */
export function assignmentApplication(
  application: Pick<Application, 'id' | 'applicantName' | 'form'>,
  program: Pick<ProgramTemplate, 'form' | 'assignment'>,
): AssignmentApplication {
  const settings = program.assignment ?? noSettings;
  const region = settings.regionField === undefined ? undefined : regionName(namesOfFields(program, application.form, [settings.regionField])[0]);
  return {
    id: application.id,
    organization: application.applicantName,
    ...(region === undefined ? {} : { region }),
    tags: namesOfFields(program, application.form, settings.tagFields),
    relatedOrganizations: namesOfFields(program, application.form, settings.relatedOrganizationFields),
    avoid: settings.avoidListField === undefined ? [] : namesOfFields(program, application.form, [settings.avoidListField]),
  };
}

/** An expert of the pool as the assignment sees it (with the name an applicant's avoid list may give). */
export function assignmentExpert(expert: Pick<Expert, 'id' | 'name' | 'organization' | 'region' | 'expertise' | 'conflicts' | 'capacity'>): AssignmentExpert {
  const region = regionName(expert.region);
  return {
    id: expert.id,
    name: expert.name,
    organization: expert.organization,
    ...(region === undefined ? {} : { region }),
    expertise: expert.expertise,
    conflicts: expert.conflicts,
    capacity: expert.capacity,
  };
}

/**
 * The pool and rules of a round's assignment: its applications and experts mapped as above, the
 * round's region avoidance, and its seed (the one drawn for the round, else the round id).
 * `heldTasks` are tasks of the round committed already (by an earlier, interrupted attempt):
 * the places they hold (see `holdsCapacity`) come off their experts' capacities.
 *
 * @example
 * assignExperts({ ...roundAssignmentContext({ round, program, applications, experts }), expertsPerApplication: round.expertsPerApplication });
 */
export function roundAssignmentContext(scene: {
  readonly round: Pick<Round, 'id' | 'avoidSameRegion' | 'assignmentSeed'>;
  readonly program: Pick<ProgramTemplate, 'form' | 'assignment'>;
  readonly applications: readonly Pick<Application, 'id' | 'applicantName' | 'form'>[];
  readonly experts: readonly Expert[];
  readonly heldTasks?: readonly Pick<ReviewTask, 'expertId' | 'status'>[];
}): AssignmentContext {
  const held = new Map<string, number>();
  for (const task of scene.heldTasks ?? []) if (holdsCapacity(task)) held.set(task.expertId, (held.get(task.expertId) ?? 0) + 1);
  return {
    applications: scene.applications.map((application) => assignmentApplication(application, scene.program)),
    experts: scene.experts.map((expert) => assignmentExpert({ ...expert, capacity: Math.max(0, expert.capacity - (held.get(expert.id) ?? 0)) })),
    avoidSameRegion: avoidsSameRegion(scene.round, scene.program),
    seed: scene.round.assignmentSeed ?? scene.round.id,
  };
}
