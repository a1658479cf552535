import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlowNetwork } from '#shared/domain/min-cost-flow.js';

interface Edge {
  readonly from: number;
  readonly to: number;
  readonly capacity: number;
  readonly cost: number;
}

/** A small DAG: edges only go from a lower to a higher node, source 0, sink size − 1. */
const dagArb = fc.integer({ min: 2, max: 5 }).chain((size) =>
  fc.record({
    size: fc.constant(size),
    edges: fc.array(
      fc
        .record({ from: fc.nat(size - 1), to: fc.nat(size - 1), capacity: fc.integer({ min: 0, max: 2 }), cost: fc.integer({ min: -4, max: 4 }) })
        .filter((edge) => edge.from < edge.to),
      { maxLength: 7 },
    ),
  }),
);

/** Every integer flow: the best [value, −cost]. */
function bruteForce(size: number, edges: readonly Edge[]): { flow: number; cost: number } {
  let best = { flow: 0, cost: 0 };
  const flows = new Array<number>(edges.length).fill(0);
  const walk = (i: number) => {
    if (i === edges.length) {
      const balance = new Array<number>(size).fill(0);
      edges.forEach((edge, e) => {
        balance[edge.from]! -= flows[e]!;
        balance[edge.to]! += flows[e]!;
      });
      for (let v = 1; v < size - 1; v++) if (balance[v] !== 0) return;
      const flow = balance[size - 1]!;
      const cost = edges.reduce((sum, edge, e) => sum + edge.cost * flows[e]!, 0);
      if (flow > best.flow || (flow === best.flow && cost < best.cost)) best = { flow, cost };
      return;
    }
    for (let f = 0; f <= edges[i]!.capacity; f++) {
      flows[i] = f;
      walk(i + 1);
    }
  };
  walk(0);
  return best;
}

function build(size: number, edges: readonly Edge[]): { network: FlowNetwork; ids: number[] } {
  const network = new FlowNetwork(size);
  return { network, ids: edges.map((edge) => network.addEdge(edge.from, edge.to, edge.capacity, edge.cost)) };
}

describe('min-cost flow network', () => {
  it('sends the cheapest maximum flow and reports the flow per edge', () => {
    const network = new FlowNetwork(4);
    const cheap = network.addEdge(0, 1, 1, 1);
    const dear = network.addEdge(0, 2, 2, 5);
    network.addEdge(1, 3, 2, 0);
    network.addEdge(2, 3, 2, 0);
    expect(network.minCostMaxFlow(0, 3)).toEqual({ flow: 3, cost: 11 });
    expect([network.flowOn(cheap), network.flowOn(dear)]).toEqual([1, 2]);
  });

  it('reroutes flow along a residual edge when that is cheaper (negative costs, a long alternating path)', () => {
    // two sources of supply a, b and two demands c, d: the greedy a→c must be undone
    const [s, a, b, c, d, t] = [0, 1, 2, 3, 4, 5];
    const network = new FlowNetwork(6);
    network.addEdge(s, a, 1);
    network.addEdge(s, b, 1);
    const ac = network.addEdge(a, c, 1, -10);
    const ad = network.addEdge(a, d, 1, -9);
    const bc = network.addEdge(b, c, 1, -9);
    network.addEdge(c, t, 1);
    network.addEdge(d, t, 1);
    expect(network.minCostMaxFlow(s, t)).toEqual({ flow: 2, cost: -18 });
    expect([network.flowOn(ac), network.flowOn(ad), network.flowOn(bc)]).toEqual([0, 1, 1]);
  });

  it('refuses a network with a cycle (its potentials need a DAG)', () => {
    const network = new FlowNetwork(3);
    network.addEdge(0, 1, 1);
    network.addEdge(1, 0, 1);
    network.addEdge(1, 2, 1);
    expect(() => network.minCostMaxFlow(0, 2)).toThrow(/acyclic/);
  });

  it('goes deep without recursion: a path of 100 000 nodes', () => {
    const size = 100_000;
    const network = new FlowNetwork(size);
    for (let v = 0; v + 1 < size; v++) network.addEdge(v, v + 1, 1, 1);
    expect(network.maxFlow(0, size - 1)).toBe(1);
    const fresh = new FlowNetwork(size);
    for (let v = 0; v + 1 < size; v++) fresh.addEdge(v, v + 1, 1, 1);
    expect(fresh.minCostMaxFlow(0, size - 1)).toEqual({ flow: 1, cost: size - 1 });
  });

  it('matches a brute force on small DAGs, and its potentials certify the optimum', () => {
    fc.assert(
      fc.property(dagArb, ({ size, edges }) => {
        const expected = bruteForce(size, edges);
        expect(build(size, edges).network.maxFlow(0, size - 1)).toBe(expected.flow);
        const { network, ids } = build(size, edges);
        expect(network.minCostMaxFlow(0, size - 1)).toEqual(expected);
        edges.forEach((edge, e) => {
          const flow = network.flowOn(ids[e]!);
          expect(flow).toBeGreaterThanOrEqual(0);
          expect(flow).toBeLessThanOrEqual(edge.capacity);
          const reduced = edge.cost + network.potential(edge.from) - network.potential(edge.to);
          if (!Number.isFinite(network.potential(edge.from))) return; // the source never reaches it
          if (flow < edge.capacity) expect(reduced).toBeGreaterThanOrEqual(0);
          if (flow > 0) expect(reduced).toBeLessThanOrEqual(0);
        });
      }),
      { numRuns: 500 },
    );
  });
});
