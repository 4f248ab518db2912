/** The doors' words in English (see ../types.ts). */
import type { DoorWords } from '../types.ts'

export const EN_DOOR: DoorWords = {
  kataOpen: (n) => `Work on kata ${n} here, in the page`,
  kataNote: 'No install: the editor and the specs load when you click.',
  solvedHere: '✓ solved in this browser',
  cliStatus: (status) => (status === 'solved' ? '✓ solved' : status),
  hintsSeen: (n) => `${n} hint${n === 1 ? '' : 's'} seen`,
  simOpen: 'Run these stories on the simulator, in the page',
  simNote: 'Edit the Pod, flip the switches of `npm run sim`, see the diagram and kubectl.',
}
