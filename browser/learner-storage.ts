/**
 * What the page keeps in the browser's storage for a learner, per kata: the text of each file
 * they edit, a copy taken before every reset (nothing typed is ever lost), and whether the
 * kata has passed in this browser (which is what reveals the reference).
 */
export interface KataStore {
  load(file: string): string | undefined
  save(file: string, text: string): void
  /** Keeps the current text as the copy before a reset; returns the key it was kept under. */
  backUp(file: string, text: string): string
  backup(file: string): string | undefined
  solved(): boolean
  markSolved(): void
}

const PREFIX = 'podkata:'

export function kataStore(kataFolder: string, storage: Storage | undefined = globalThis.localStorage): KataStore {
  const key = (...parts: string[]) => `${PREFIX}${kataFolder}:${parts.join(':')}`
  const get = (k: string) => {
    try {
      return storage?.getItem(k) ?? undefined
    } catch {
      return undefined
    }
  }
  const set = (k: string, v: string) => {
    try {
      storage?.setItem(k, v)
    } catch {
      // Storage full or refused (a private window): the page still works, it just forgets.
    }
  }
  return {
    load: (file) => get(key('file', file)),
    save: (file, text) => set(key('file', file), text),
    backUp(file, text) {
      set(key('before-reset', file), text)
      return key('before-reset', file)
    },
    backup: (file) => get(key('before-reset', file)),
    solved: () => get(key('solved')) === 'yes',
    markSolved: () => set(key('solved'), 'yes'),
  }
}

/** Every kata folder this browser has seen pass. */
export function solvedKatas(folders: readonly string[], storage: Storage | undefined = globalThis.localStorage): string[] {
  return folders.filter((folder) => kataStore(folder, storage).solved())
}
