/** What a click on a row's checkbox selects: that row, or with Shift every row from the last box ticked to it (as antd's table did). */
export function ticked(
  rows: ReadonlyArray<{ id: string; actions: { complete: boolean } }>,
  selectedIds: readonly string[],
  index: number,
  lastTicked: number | null,
  shift: boolean,
): { selectedIds: string[]; lastTicked: number | null } {
  const selected = new Set(selectedIds);
  const tick = !selected.has(rows[index]!.id);
  const anchor = shift && lastTicked !== null && lastTicked < rows.length ? lastTicked : index;
  // Rows nobody may complete here have no checkbox and are never selected, even inside a Shift range.
  for (const row of rows.slice(Math.min(anchor, index), Math.max(anchor, index) + 1)) {
    if (!row.actions.complete) continue;
    if (tick) selected.add(row.id);
    else selected.delete(row.id);
  }
  return { selectedIds: [...selected], lastTicked: tick ? index : null };
}
