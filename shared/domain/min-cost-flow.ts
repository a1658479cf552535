/**
 * A flow network with integer capacities and costs, solved by maximum flow (Dinic) and by
 * minimum-cost maximum flow (primal–dual successive shortest paths: Dijkstra on reduced costs,
 * then a blocking flow along every shortest path at once).
 *
 * Storage is typed arrays (edge `e` and its residual twin `e ^ 1`, adjacency as linked lists),
 * so a network of a million edges stays in tens of megabytes. Pure and deterministic: the same
 * edges added in the same order always give the same flow.
 */

/** A binary min-heap of (key, node) pairs on typed arrays; stale entries are skipped by the caller. */
class NodeHeap {
  private keys = new Float64Array(64);
  private nodes = new Int32Array(64);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent]! <= key) break;
      this.keys[i] = this.keys[parent]!;
      this.nodes[i] = this.nodes[parent]!;
      i = parent;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
  }

  /** Key of the smallest entry (call only when `size > 0`). */
  topKey(): number {
    return this.keys[0]!;
  }

  /** Removes the smallest entry and returns its node. */
  pop(): number {
    const top = this.nodes[0]!;
    const last = --this.size;
    const key = this.keys[last]!;
    const node = this.nodes[last]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.keys[child + 1]! < this.keys[child]!) child += 1;
      if (this.keys[child]! >= key) break;
      this.keys[i] = this.keys[child]!;
      this.nodes[i] = this.nodes[child]!;
      i = child;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
    return top;
  }
}

function grownInt32(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(size);
  grown.set(array);
  return grown;
}

/**
 * A flow network (nodes `0 … size − 1`). Add edges, then call {@link maxFlow} or
 * {@link minCostMaxFlow}; {@link flowOn} reads the result and {@link potential} the dual
 * (after a min-cost flow, every residual edge `u → v` has `cost + potential(u) − potential(v) ≥ 0`,
 * which certifies that the flow is of minimum cost for its value).
 *
 * @example
 * const network = new FlowNetwork(4);
 * const edge = network.addEdge(0, 1, 2, 5);
 * network.addEdge(1, 3, 2);
 * network.minCostMaxFlow(0, 3); // { flow: 2, cost: 10 }
 * network.flowOn(edge); // 2
 */
export class FlowNetwork {
  private edgeCount = 0;
  private heads: Int32Array;
  private next = new Int32Array(16);
  private target = new Int32Array(16);
  private residual = new Int32Array(16);
  private costs = new Float64Array(16);
  private readonly potentials: Float64Array;

  constructor(readonly size: number) {
    this.heads = new Int32Array(size).fill(-1);
    this.potentials = new Float64Array(size);
  }

  /** Adds an edge `from → to` and returns its id (for {@link flowOn}). */
  addEdge(from: number, to: number, capacity: number, cost = 0): number {
    const id = this.edgeCount;
    if (id + 2 > this.target.length) {
      const size = this.target.length * 2;
      this.next = grownInt32(this.next, size);
      this.target = grownInt32(this.target, size);
      this.residual = grownInt32(this.residual, size);
      const costs = new Float64Array(size);
      costs.set(this.costs);
      this.costs = costs;
    }
    this.target[id] = to;
    this.residual[id] = capacity;
    this.costs[id] = cost;
    this.next[id] = this.heads[from]!;
    this.heads[from] = id;
    this.target[id + 1] = from;
    this.residual[id + 1] = 0;
    this.costs[id + 1] = -cost;
    this.next[id + 1] = this.heads[to]!;
    this.heads[to] = id + 1;
    this.edgeCount += 2;
    return id;
  }

  /** Flow on edge `edge` (an id {@link addEdge} returned). */
  flowOn(edge: number): number {
    return this.residual[edge ^ 1]!;
  }

  /** Raises the capacity of edge `edge` by `amount` (its flow stays). */
  addCapacity(edge: number, amount: number): void {
    this.residual[edge]! += amount;
  }

  /** The node potential left by {@link minCostMaxFlow} (see the class comment; Infinity for a node the source never reaches). */
  potential(node: number): number {
    return this.potentials[node]!;
  }

  /**
   * Nodes reachable from `source` through edges with residual capacity (1) or not (0): after a
   * maximum flow, the edges from reached to unreached nodes form a minimum cut.
   */
  residualReach(source: number): Uint8Array {
    const reached = new Uint8Array(this.size);
    const queue = new Int32Array(this.size);
    reached[source] = 1;
    queue[0] = source;
    for (let head = 0, tail = 1; head < tail; head++) {
      for (let e = this.heads[queue[head]!]!; e !== -1; e = this.next[e]!) {
        const v = this.target[e]!;
        if (reached[v] === 0 && this.residual[e]! > 0) {
          reached[v] = 1;
          queue[tail++] = v;
        }
      }
    }
    return reached;
  }

  /** Dinic's maximum flow from `source` to `sink` on top of the current flow; returns the flow added. */
  maxFlow(source: number, sink: number): number {
    return this.blockingFlows(source, sink, false);
  }

  /**
   * Minimum-cost maximum flow from zero flow (edge costs may be negative, but the edges must
   * form a DAG). The initial potentials come from one pass in topological order; then each
   * phase runs Dijkstra on reduced costs (stopping at the sink) and sends a blocking flow
   * along all shortest paths. Returns the flow sent and its cost.
   *
   * @throws Error when the network's edges contain a cycle.
   */
  minCostMaxFlow(source: number, sink: number): { flow: number; cost: number } {
    this.topologicalPotentials(source);
    const n = this.size;
    const distance = new Float64Array(n);
    const settled = new Uint8Array(n);
    const heap = new NodeHeap();
    const potential = this.potentials;
    let flow = 0;
    for (;;) {
      distance.fill(Infinity);
      settled.fill(0);
      heap.clear();
      distance[source] = 0;
      heap.push(0, source);
      while (heap.size > 0) {
        const key = heap.topKey();
        const u = heap.pop();
        if (settled[u] === 1 || key > distance[u]!) continue;
        settled[u] = 1;
        if (u === sink) break;
        const base = key + potential[u]!;
        for (let e = this.heads[u]!; e !== -1; e = this.next[e]!) {
          if (this.residual[e]! <= 0) continue;
          const v = this.target[e]!;
          const candidate = base + this.costs[e]! - potential[v]!;
          if (candidate < distance[v]!) {
            distance[v] = candidate;
            heap.push(candidate, v);
          }
        }
      }
      const reach = distance[sink]!;
      if (reach === Infinity) break;
      for (let v = 0; v < n; v++) potential[v]! += settled[v] === 1 ? distance[v]! : reach;
      const sent = this.blockingFlows(source, sink, true);
      if (sent === 0) throw new Error('min-cost flow made no progress');
      flow += sent;
    }
    let cost = 0;
    for (let e = 0; e < this.edgeCount; e += 2) cost += this.residual[e + 1]! * this.costs[e]!;
    return { flow, cost };
  }

  /** Potentials = shortest distances from `source` over the edges with capacity, in one topological pass. */
  private topologicalPotentials(source: number): void {
    const n = this.size;
    const indegree = new Int32Array(n);
    for (let e = 0; e < this.edgeCount; e++) if (this.residual[e]! > 0) indegree[this.target[e]!]! += 1;
    const order = new Int32Array(n);
    let tail = 0;
    for (let v = 0; v < n; v++) if (indegree[v] === 0) order[tail++] = v;
    const potential = this.potentials;
    potential.fill(Infinity);
    potential[source] = 0;
    for (let head = 0; head < tail; head++) {
      const u = order[head]!;
      for (let e = this.heads[u]!; e !== -1; e = this.next[e]!) {
        if (this.residual[e]! <= 0) continue;
        const v = this.target[e]!;
        if (potential[u]! + this.costs[e]! < potential[v]!) potential[v] = potential[u]! + this.costs[e]!;
        if (--indegree[v]! === 0) order[tail++] = v;
      }
    }
    // nodes the source does not reach keep potential Infinity: no residual edge ever leads to them
    if (tail < n) throw new Error('min-cost flow needs an acyclic network');
  }

  /** Whether edge `e` from `u` has residual capacity (and, if `tight`, reduced cost 0: on a shortest path). */
  private usable(e: number, u: number, tight: boolean): boolean {
    return this.residual[e]! > 0 && (!tight || this.costs[e]! + this.potentials[u]! - this.potentials[this.target[e]!]! === 0);
  }

  /**
   * Dinic: blocking flows on the level graph of the residual edges (with `tight`, only those of
   * reduced cost 0), until the sink is cut off. Iterative (no recursion depth limit).
   */
  private blockingFlows(source: number, sink: number, tight: boolean): number {
    const n = this.size;
    const level = new Int32Array(n);
    const current = new Int32Array(n);
    const queue = new Int32Array(n);
    const pathEdges = new Int32Array(n);
    let total = 0;
    for (;;) {
      level.fill(-1);
      level[source] = 0;
      queue[0] = source;
      for (let head = 0, tail = 1; head < tail; head++) {
        const u = queue[head]!;
        for (let e = this.heads[u]!; e !== -1; e = this.next[e]!) {
          const v = this.target[e]!;
          if (level[v] === -1 && this.usable(e, u, tight)) {
            level[v] = level[u]! + 1;
            queue[tail++] = v;
          }
        }
      }
      if (level[sink] === -1) return total;
      current.set(this.heads);
      let depth = 0;
      let u = source;
      for (;;) {
        if (u === sink) {
          let pushed = Infinity;
          for (let d = 0; d < depth; d++) pushed = Math.min(pushed, this.residual[pathEdges[d]!]!);
          let retreat = depth;
          for (let d = depth - 1; d >= 0; d--) {
            const e = pathEdges[d]!;
            this.residual[e]! -= pushed;
            this.residual[e ^ 1]! += pushed;
            if (this.residual[e] === 0) retreat = d;
          }
          total += pushed;
          depth = retreat;
          u = depth === 0 ? source : this.target[pathEdges[depth - 1]!]!;
          continue;
        }
        let e = current[u]!;
        for (; e !== -1; e = this.next[e]!) {
          const v = this.target[e]!;
          if (level[v] === level[u]! + 1 && this.usable(e, u, tight)) break;
        }
        current[u] = e;
        if (e !== -1) {
          pathEdges[depth++] = e;
          u = this.target[e]!;
          continue;
        }
        if (u === source) break;
        level[u] = -1; // dead end
        depth -= 1;
        u = depth === 0 ? source : this.target[pathEdges[depth - 1]!]!;
        current[u] = this.next[current[u]!]!;
      }
    }
  }
}
