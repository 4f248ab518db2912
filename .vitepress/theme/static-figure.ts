/**
 * A component the server draws whole and a reader's browser never needs to run: a chapter's lane
 * diagrams and terminal blocks, made from build-time data, with nothing to click (their text
 * list is a native <details>, their pan a native scroll). On the page's first load the browser
 * keeps the server's markup as it is and fetches none of the component's code or data; Vue's
 * lazy hydration with a strategy that never hydrates does exactly that. A page reached by a link
 * inside the site is drawn in the browser, so there the component's code is loaded as usual.
 *
 * In `vitepress dev` nothing is server-rendered: every page is drawn in the browser.
 */
import { defineAsyncComponent, defineComponent, h, onMounted, type Component } from 'vue'
import { tracked } from './hydration.ts'

/** True on the client while the app is hydrating the server's markup; false once it has mounted. */
let hydrating = typeof document !== 'undefined' && !import.meta.env.DEV

/** Call from the theme's setup(): after this, pages are drawn in the browser. */
export function endHydrationOnMount(): void {
  onMounted(() => (hydrating = false))
}

/** Renders nothing: it stands in for the component where the server's markup is kept. */
const Kept = defineComponent({ name: 'KeptMarkup', render: () => null })

export function staticFigure(name: string, load: () => Promise<{ default: Component }>): Component {
  const live = defineAsyncComponent(tracked(load))
  const kept = defineAsyncComponent({
    loader: () => Promise.resolve(Kept),
    // Never calls hydrate(): the markup stays the server's, with no code behind it.
    hydrate: () => {},
  })
  return defineComponent({
    name,
    inheritAttrs: false,
    setup(_, { attrs }) {
      // Decided once per instance: hydrated now, or drawn in the browser from the start.
      const keep = hydrating
      return () => h(keep ? kept : live, attrs)
    },
  })
}
