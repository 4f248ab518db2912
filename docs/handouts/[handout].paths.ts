/**
 * The handout pages, built only for `npm run handouts` (the site itself leaves docs/handouts/
 * out, see .vitepress/config.ts): one page per chapter, made from the chapter's markdown by
 * kit/handout-source.ts, and the booklet, which shows all of them behind a cover and a table of
 * contents. Nothing here is written by hand twice.
 */
import { allHandouts, CHAPTERS_DIR } from '../../kit/handout-source.ts'
import { edition } from '../../kit/edition.ts'
import { bookletMarkdown, handoutPage } from '../../kit/handout-pages.ts'

export default {
  watch: [`${CHAPTERS_DIR}/*.md`, '../../katas/katas.ts'],
  paths() {
    const handouts = allHandouts()
    return [
      ...handouts.map((handout) => ({ params: { handout: handout.name }, content: handoutPage(handout) })),
      { params: { handout: 'booklet' }, content: bookletMarkdown(handouts, edition()) },
    ]
  },
}
