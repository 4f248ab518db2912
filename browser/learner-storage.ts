/**
 * What the page keeps in the browser's storage for a learner, per kata: the text of each file
 * they edit, a copy taken before every reset (the CLI keeps a timestamped backup for each, see
 * cli/backup.ts; here the last MAX_COPIES, and the page says so when one has to go), how many
 * hints they have seen, and whether the kata has passed in this browser (which is what reveals
 * the reference).
 */

/** The learner's files as they were at one moment, by file name (`pods.ts`). */
export interface KeptCopy {
  id: string
  /** When it was kept, as an ISO time; '' for a copy left by an older page (one slot per file). */
  at: string
  files: Record<string, string>
}

/** What keeping a copy did. */
export interface Keeping {
  /** The new copy; undefined when there was nothing new to keep (the starter, or a copy already kept). */
  kept?: KeptCopy
  /** The oldest copy, dropped to stay within MAX_COPIES. */
  dropped?: KeptCopy
  /** False when the browser refused to store it (full, or a private window): nothing may be replaced then. */
  stored: boolean
}

export interface KataStore {
  load(file: string): string | undefined
  save(file: string, text: string): void
  /** Every copy kept before a reset, oldest first. */
  copies(): KeptCopy[]
  /** Keeps `files` as the newest copy, unless they are the starter's text or already kept. */
  keep(files: Record<string, string>, starter: Record<string, string>, now?: Date): Keeping
  hintsSeen(): number
  seeHints(level: number): void
  solved(): boolean
  markSolved(): void
}

/** Enough for an afternoon of resets; a copy is a few KiB, far below the browser's quota. */
export const MAX_COPIES = 20

const PREFIX = 'podkata:'

const same = (a: Record<string, string>, b: Record<string, string>) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...keys].every((k) => a[k] === b[k])
}

export function kataStore(kataFolder: string, storage: Storage | undefined = globalThis.localStorage, files: readonly string[] = []): KataStore {
  const key = (...parts: string[]) => `${PREFIX}${kataFolder}:${parts.join(':')}`
  const get = (k: string) => {
    try {
      return storage?.getItem(k) ?? undefined
    } catch {
      return undefined
    }
  }
  const set = (k: string, v: string): boolean => {
    try {
      if (!storage) return false
      storage.setItem(k, v)
      return true
    } catch {
      // Storage full or refused (a private window): the page still works, it just forgets.
      return false
    }
  }
  const copies = (): KeptCopy[] => {
    let list: KeptCopy[] = []
    try {
      const parsed = JSON.parse(get(key('copies')) ?? '[]') as unknown
      if (Array.isArray(parsed)) list = parsed as KeptCopy[]
    } catch {
      // A damaged entry is not the learner's text; start a new list.
    }
    // The page once kept one copy per file under `before-reset`: it stays reachable, as the oldest.
    const legacy = Object.fromEntries(files.flatMap((file) => {
      const text = get(key('before-reset', file))
      return text === undefined ? [] : [[file, text]]
    }))
    if (Object.keys(legacy).length > 0 && !list.some((c) => same(c.files, legacy))) list.unshift({ id: 'before-reset', at: '', files: legacy })
    return list
  }
  return {
    load: (file) => get(key('file', file)),
    save: (file, text) => void set(key('file', file), text),
    copies,
    keep(current, starter, now = new Date()) {
      const list = copies()
      if (same(current, starter) || list.some((c) => same(c.files, current))) return { stored: true }
      const kept: KeptCopy = { id: `${now.getTime()}-${list.length}`, at: now.toISOString(), files: { ...current } }
      list.push(kept)
      const dropped = list.length > MAX_COPIES ? list.shift() : undefined
      if (!set(key('copies'), JSON.stringify(list))) return { stored: false }
      // The legacy slot is in the list now (or was dropped from it, and the page said so).
      for (const file of files) {
        try {
          storage?.removeItem(key('before-reset', file))
        } catch {
          // Left as it is: it is read back as the same copy, never twice.
        }
      }
      return dropped ? { kept, dropped, stored: true } : { kept, stored: true }
    },
    hintsSeen: () => Number(get(key('hints'))) || 0,
    seeHints: (level) => void set(key('hints'), String(level)),
    solved: () => get(key('solved')) === 'yes',
    markSolved: () => void set(key('solved'), 'yes'),
  }
}

/**
 * The copy "Bring back my text" restores: the newest one that differs from the editor's text,
 * looking first below `after` (the copy restored last), so pressing again walks to older ones,
 * and starting over at the newest when none is left.
 */
export function copyToRestore(list: KeptCopy[], current: Record<string, string>, after?: string): KeptCopy | undefined {
  const newestFirst = [...list].reverse()
  const start = after === undefined ? 0 : newestFirst.findIndex((c) => c.id === after) + 1
  const differs = (c: KeptCopy) => !same({ ...current, ...c.files }, current)
  return newestFirst.slice(start).find(differs) ?? newestFirst.find(differs)
}

/** Every kata folder this browser has seen pass. */
export function solvedKatas(folders: readonly string[], storage: Storage | undefined = globalThis.localStorage): string[] {
  return folders.filter((folder) => kataStore(folder, storage).solved())
}
