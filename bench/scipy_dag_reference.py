#!/usr/bin/python3
"""The thesis's method on issue 17's instance, for bench_price_dp's full-K rows: the plan as a
longest path in the layered DAG (t, seats left) -> (t + 1, seats left - q), solved by scipy's
Dijkstra on a CSR matrix built layer by layer.

Dijkstra needs non-negative weights: every source-to-sink path has exactly T + 1 edges (one per
bucket and one into the sink), so weighting an edge C - revenue (C = the largest revenue of any
edge) and the sink edges 0 turns the longest path into a shortest one with the same argmax.

Usage: /usr/bin/python3 bench/scipy_dag_reference.py PERIODS SEATS [--write ROWS.f64]
  Debian's python3-scipy; prints the objective and the build and solve times (wall clock).
  --write stores the price rows (PERIODS x (SEATS + 1) doubles, q = 0 the hold price) so that
  solve_deterministic can be run on exactly the same instance.
Memory: about 12 bytes per edge, T (S + 1)(S + 2) / 2 edges — 1.2 GB at 90 x 1,500, 16 GB at
90 x 5,400.
"""
import sys
import time

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra


def rows(periods, seats, seed=17):
    """prices[t][q] = 100 (1 + t/90) u_(q), u sorted descending from seats + 1 draws of U(0.3, 1)."""
    rng = np.random.default_rng(seed)
    out = np.empty((periods, seats + 1))
    for t in range(periods):
        u = np.sort(rng.uniform(0.3, 1.0, seats + 1))[::-1]
        out[t] = 100.0 * (1.0 + t / 90.0) * u
    return out


def solve(prices):
    periods, width = prices.shape
    seats = width - 1
    q = np.arange(width)
    revenue = prices * q  # revenue[t][q]; q = 0 sells nothing
    c = revenue.max()
    nodes = (periods + 1) * width + 1  # layers 0 … T, then the sink
    sink = nodes - 1
    counts = np.arange(width) + 1  # seats left s: q = 0 … s
    data, indices, row_ends = [], [], []
    offset = 0
    for t in range(periods):
        s_of_edge = np.repeat(np.arange(width), counts)
        q_of_edge = np.arange(s_of_edge.size) - np.repeat(np.cumsum(counts) - counts, counts)
        indices.append(((t + 1) * width + s_of_edge - q_of_edge).astype(np.int32))
        data.append(c - revenue[t][q_of_edge])
        row_ends.append(offset + np.cumsum(counts))
        offset += s_of_edge.size
    indices.append(np.full(width, sink, dtype=np.int32))  # layer T -> sink
    data.append(np.zeros(width))
    row_ends.append(offset + np.arange(1, width + 1))
    offset += width
    row_ends.append(np.array([offset]))  # the sink has no edges
    indptr = np.concatenate([np.array([0])] + row_ends).astype(np.int64)
    # Zero weights would be dropped by csr_matrix as "no edge"; the smallest positive double stands in.
    weights = np.maximum(np.concatenate(data), np.finfo(float).tiny)
    graph = csr_matrix((weights, np.concatenate(indices), indptr), shape=(nodes, nodes))
    start = time.perf_counter()
    dist, pred = dijkstra(graph, directed=True, indices=seats, return_predecessors=True)  # node (0, seats)
    solve_seconds = time.perf_counter() - start
    # The quantities along the path, and the objective summed from them (not from dist: exact).
    path, node = [], pred[sink]
    while node >= 0:
        path.append(node)
        node = pred[node]
    path = path[::-1]  # (0, seats) … (T, ·)
    sold = [path[t] % width - path[t + 1] % width for t in range(periods)]
    objective = float(sum(revenue[t][sold[t]] for t in range(periods)))
    return objective, sold, graph.nnz, solve_seconds


def main():
    periods, seats = int(sys.argv[1]), int(sys.argv[2])
    prices = rows(periods, seats)
    if "--write" in sys.argv:
        prices.tofile(sys.argv[sys.argv.index("--write") + 1])
    start = time.perf_counter()
    objective, sold, edges, solve_seconds = solve(prices)
    total = time.perf_counter() - start
    print(f"{periods} x {seats}: objective {objective:.6f}, {edges} edges, "
          f"build {total - solve_seconds:.2f} s, dijkstra {solve_seconds:.2f} s")


if __name__ == "__main__":
    main()
