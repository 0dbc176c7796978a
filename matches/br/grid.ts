import type { BrPlayer, BrState } from './state';

/**
 * A uniform spatial grid of the living players, so that hit tests and snapshots look at nearby
 * cells instead of every player (O(players nearby), not O(n^2), per tick). Derived from the state
 * at the start of each step and updated as players move or fall; never stored in match state.
 * Each cell is a singly linked list kept in ascending slot order, so every walk is deterministic.
 */
export interface Grid {
  cellSize: number;
  /** Cells per side. */
  cols: number;
  /** First slot in each cell, -1 = empty. */
  head: Int32Array;
  /** Next slot in the same cell, -1 = end. */
  next: Int32Array;
  /** Cell of each slot, -1 = not in the grid (eliminated). */
  cell: Int32Array;
}

/** The grid of the players alive in `state`. */
export function buildGrid(state: BrState, mapSize: number, cellSize: number): Grid {
  const cols = Math.floor(mapSize / cellSize) + 1;
  const n = state.players.length;
  const grid: Grid = { cellSize, cols, head: minusOnes(cols * cols), next: minusOnes(n), cell: minusOnes(n) };
  // Why descending: pushing at the head leaves every list in ascending slot order.
  const { head, next, cell } = grid;
  const players = state.players;
  let p: BrPlayer;
  let c: number;
  for (let slot = n - 1; slot >= 0; slot--) {
    p = players[slot];
    if (p.hp <= 0) continue;
    // cellIndex inlined: a call per player per step counts in Goja.
    c = ((p.x / cellSize) | 0) + cols * ((p.y / cellSize) | 0);
    next[slot] = head[c];
    head[c] = slot;
    cell[slot] = c;
  }
  return grid;
}

// Why fill: a native call; a JS loop over the 1156 cells of the live map costs Goja ~0.15 ms per step.
function minusOnes(length: number): Int32Array {
  return new Int32Array(length).fill(-1);
}

/**
 * Column (or row) of the cell holding coordinate v, clamped to the grid. Why `| 0` and not
 * Math.floor: the same result here (it truncates toward 0, which differs from floor only below 0,
 * and those clamp to 0 either way) without a native call, which Goja makes per player per tick.
 */
export function cellOf(grid: Grid, v: number): number {
  const c = (v / grid.cellSize) | 0;
  return c < 0 ? 0 : c >= grid.cols ? grid.cols - 1 : c;
}

/**
 * The cell holding a player's position. No clamping: positions lie in [0, mapSize] (spawn points
 * do, and decode refuses a MOVE outside), and cols = floor(mapSize / cellSize) + 1 cells cover that.
 */
function cellIndex(grid: Grid, x: number, y: number): number {
  return ((x / grid.cellSize) | 0) + grid.cols * ((y / grid.cellSize) | 0);
}

/** Take a slot out of the grid (eliminated). */
export function gridRemove(grid: Grid, slot: number): void {
  const c = grid.cell[slot];
  if (c < 0) return;
  if (grid.head[c] === slot) {
    grid.head[c] = grid.next[slot];
  } else {
    let i = grid.head[c];
    while (grid.next[i] !== slot) i = grid.next[i];
    grid.next[i] = grid.next[slot];
  }
  grid.next[slot] = -1;
  grid.cell[slot] = -1;
}

/** Put a slot at its (new) position, keeping the cell's list in slot order. */
export function gridPlace(grid: Grid, slot: number, x: number, y: number): void {
  const c = cellIndex(grid, x, y);
  if (grid.cell[slot] === c) return;
  gridRemove(grid, slot);
  grid.cell[slot] = c;
  if (grid.head[c] < 0 || grid.head[c] > slot) {
    grid.next[slot] = grid.head[c];
    grid.head[c] = slot;
    return;
  }
  let i = grid.head[c];
  while (grid.next[i] >= 0 && grid.next[i] < slot) i = grid.next[i];
  grid.next[slot] = grid.next[i];
  grid.next[i] = slot;
}

/**
 * Visit every slot in the cells overlapping the square around (x, y) of half side `radius`, cell
 * rows then columns, each cell in slot order. Callers filter by exact distance.
 */
export function forEachNear(grid: Grid, x: number, y: number, radius: number, visit: (slot: number) => void): void {
  const x0 = cellOf(grid, x - radius);
  const x1 = cellOf(grid, x + radius);
  const y0 = cellOf(grid, y - radius);
  const y1 = cellOf(grid, y + radius);
  for (let cy = y0; cy <= y1; cy++) {
    for (let cx = x0; cx <= x1; cx++) {
      for (let i = grid.head[cx + grid.cols * cy]; i >= 0; i = grid.next[i]) visit(i);
    }
  }
}
