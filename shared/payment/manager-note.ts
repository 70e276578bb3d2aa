/**
 * A manager's note kept as evidence with a decision (resolve an unknown outcome, decide a lost
 * refund, void): the core refuses shorter or longer ones, and the screen keeps the button off until
 * the note would pass.
 */
export const MANAGER_NOTE_MIN = 3;
export const MANAGER_NOTE_MAX = 200;

export function isManagerNote(note: string): boolean {
  const length = note.trim().length;
  return length >= MANAGER_NOTE_MIN && length <= MANAGER_NOTE_MAX;
}
