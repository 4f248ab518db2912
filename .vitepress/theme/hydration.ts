/**
 * `<html data-hydrated>`: set once the page has hydrated, i.e. the app has mounted and every
 * async component the page asked for (index.ts registers them all async) has arrived and
 * mounted too. Until then a button the server rendered is on screen but does nothing when
 * pressed, because its handler comes with hydration: a browser test that clicks the kata door
 * right after the `load` event can lose its click on a busy machine. The tests wait for this
 * mark instead (e2e/hydrated.ts). On a client-side route change the mark goes, and comes back
 * once the new page's components are in.
 */
import { nextTick, onMounted, watch } from 'vue'
import { useRoute } from 'vitepress'

/** The async components whose code has been asked for and has not arrived yet. */
const pending = new Set<Promise<unknown>>()

/** The loader of an async component, counted while its code is on the way. */
export function tracked<T>(load: () => Promise<T>): () => Promise<T> {
  return () => {
    const loading = load()
    if (typeof document === 'undefined') return loading
    pending.add(loading)
    const done = () => pending.delete(loading)
    loading.then(done, done)
    return loading
  }
}

async function settled(): Promise<void> {
  do {
    await Promise.allSettled([...pending])
    // Vue mounts an arrived component a few promise steps later, and that may ask for async
    // components of its own: a new task starts only after all of those steps.
    await new Promise((step) => setTimeout(step))
  } while (pending.size > 0)
}

/** Call from the theme's setup(): marks the page once it has hydrated, again after each route change. */
export function markWhenHydrated(): void {
  const route = useRoute()
  const mark = async () => {
    await settled()
    document.documentElement.dataset.hydrated = ''
  }
  onMounted(mark)
  // After the new page has rendered (flush: post), so its async components are already asked for.
  watch(
    () => route.path,
    async () => {
      delete document.documentElement.dataset.hydrated
      await nextTick()
      await mark()
    },
    { flush: 'post' },
  )
}
