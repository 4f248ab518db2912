/**
 * One page per kata with its code: the file the learner edits, as it starts (starters/, which
 * the workbook copies into katas/), and the spec file. The chapters' kata cards link here, so
 * a reader of the site can see the code without the workbook open. Never the reference.
 */
import { KATAS } from '../../katas/katas.ts'

export default {
  watch: ['../../katas/katas.ts', '../../starters/**/*.ts', '../../katas/*/*.spec.ts'],
  paths() {
    return KATAS.map((kata) => ({
      params: { kata: kata.slug },
      content: [
        `# The code of kata ${kata.number}: \`${kata.slug}\``,
        '',
        `${kata.title}. In the workbook these files are in \`katas/${kata.folder}/\`: your copy of each file`,
        'starts as it is shown here, and the spec file says what it must do. Back to the chapter:',
        `[${kata.chapter.title}](${kata.chapter.page}).`,
        '',
        ...kata.files.flatMap((file) => [`## \`katas/${kata.folder}/${file}\`, as it starts`, '', `<<< @/../starters/${kata.folder}/${file}`, '']),
        `## \`katas/${kata.folder}/${kata.spec}\``,
        '',
        `<<< @/../katas/${kata.folder}/${kata.spec}`,
        '',
      ].join('\n'),
    }))
  },
}
