import { mapScope, type MapState } from './definition.js';
import { runtimeError, type StatesError } from './errors.js';
import type { ExecutionRecord, MapWait, ThreadRecord } from './execution-record.js';
import { readPath } from './json-path.js';
import { applyPayloadTemplate, applyResultPath } from './paths-and-parameters.js';
import type { ThreadControl } from './thread-control.js';

/**
 * Inline Map states: one child thread per item (at most MaxConcurrency at a time, 0 = all),
 * each with ItemSelector applied (`$$.Map.Item.Value` is the item); the results are kept in
 * item order. The first iteration that fails ends the others and fails the Map.
 */
export class InlineMap {
  /** Creates the Map runner of the threads `control` runs. */
  constructor(private readonly control: ThreadControl) {}

  /** Enters a Map state: reads the items and starts the first iterations. */
  start(record: ExecutionRecord, thread: ThreadRecord, state: MapState, input: unknown): void {
    const items = readPath(state.ItemsPath ?? '$', input);
    if (!Array.isArray(items)) throw runtimeError(`ItemsPath of Map state '${thread.state}' did not select an array`);
    const wait: MapWait = { kind: 'map', items, input, nextIndex: 0, running: 0, completed: 0, maxConcurrency: state.MaxConcurrency ?? 0, results: items.map(() => null) };
    this.control.setWait(thread, wait);
    this.control.event(record, thread, 'MapStateStarted', { length: items.length });
    this.launch(record, thread);
  }

  /** Starts iterations up to MaxConcurrency, or leaves the Map once every iteration is done (also after a restart). */
  launch(record: ExecutionRecord, thread: ThreadRecord): void {
    const wait = thread.wait;
    if (!this.control.isCurrent(record, thread) || wait?.kind !== 'map') return;
    const state = this.control.stateOf(record, thread) as MapState;
    while (wait.nextIndex < wait.items.length && (wait.maxConcurrency === 0 || wait.running < wait.maxConcurrency)) {
      const index = wait.nextIndex;
      const item = wait.items[index];
      const input = state.ItemSelector !== undefined ? applyPayloadTemplate(state.ItemSelector, wait.input, { Map: { Item: { Value: item } } }) : item;
      this.control.event(record, thread, 'MapIterationStarted', { name: thread.state, index });
      const child = this.control.newThread(record, { scope: mapScope(thread.scope, thread.state), state: state.ItemProcessor.StartAt, input, lastEventId: thread.lastEventId, parentId: thread.id, index });
      wait.nextIndex += 1;
      wait.running += 1;
      this.control.wake(record, child);
    }
    if (wait.completed === wait.items.length) {
      this.control.event(record, thread, 'MapStateSucceeded');
      this.control.setWait(thread, undefined);
      this.control.advance(record, thread, state, applyResultPath(state.ResultPath, thread.input, wait.results));
    }
  }

  /** An iteration ended with `output`: records it and starts the next one (or leaves the Map). */
  iterationSucceeded(record: ExecutionRecord, map: ThreadRecord, iteration: ThreadRecord, output: unknown): void {
    const wait = map.wait as MapWait;
    wait.results[iteration.index ?? 0] = output;
    wait.running -= 1;
    wait.completed += 1;
    this.control.event(record, map, 'MapIterationSucceeded', { name: map.state, index: iteration.index });
    this.control.guard(record, map, () => this.launch(record, map));
    this.control.wake(record, map);
  }

  /** An iteration failed: the other iterations end and the Map fails with the same error. */
  iterationFailed(record: ExecutionRecord, map: ThreadRecord, iteration: ThreadRecord, error: StatesError): void {
    this.control.event(record, map, 'MapIterationFailed', { name: map.state, index: iteration.index });
    this.control.abortChildren(record, map);
    this.control.event(record, map, 'MapStateFailed');
    this.control.setWait(map, undefined);
    this.control.fail(record, map, error);
  }
}
