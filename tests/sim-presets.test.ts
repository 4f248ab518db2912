/**
 * The playground's presets (browser/sim-presets.ts) against the command line: each preset runs
 * in the page to what its command prints, the command the page shows for it means the same to
 * the CLI, and every Pod in examples/pods/ a chapter names can be loaded in the page.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUILTINS } from '../browser/builtins.ts'
import { compileLearnerFile } from '../browser/compile.ts'
import { createLoader, type ModuleFunction } from '../browser/loader.ts'
import { moduleTableSource } from '../browser/module-table.ts'
import { simCommand } from '../browser/sim-command.ts'
import { CHAPTER_PRESETS, SIM_PRESETS } from '../browser/sim-presets.ts'
import { runSimInPage } from '../browser/sim-run.ts'
import { parsePod } from '../machinery/api/manifest.ts'
import { simOptionsOf } from '../sim/command.ts'
import { runSim, simJson, simText } from '../sim/run-sim.ts'
import { ROOT } from '../workbook/paths.ts'
import cri from '../docs/chapters/cri-sequence.data.ts'

const podText = (pod: string) => readFileSync(join(ROOT, 'examples/pods', `${pod}.yaml`), 'utf8')
/** A command's words after `npm run sim --` and the manifest (none of the presets' values hold a space). */
const argsOf = (command: string) => command.replace(/^npm run sim -- /, '').split(' ').slice(1)

describe('the presets', () => {
  it('name Pods that exist, each once per id', () => {
    expect(new Set(SIM_PRESETS.map((p) => p.id)).size).toBe(SIM_PRESETS.length)
    for (const preset of SIM_PRESETS) expect(preset.command.split(' ')[0]).toBe(`examples/pods/${preset.pod}.yaml`)
  })

  it('hold every Pod of examples/pods/ that an English chapter names', () => {
    const chapters = readdirSync(join(ROOT, 'docs/chapters')).filter((f) => f.endsWith('.md'))
    const named = new Set(chapters.flatMap((f) => [...readFileSync(join(ROOT, 'docs/chapters', f), 'utf8').matchAll(/examples\/pods\/([\w-]+)\.yaml/g)].map((m) => m[1]!)))
    expect(named.size).toBeGreaterThanOrEqual(9)
    expect([...named].filter((pod) => !SIM_PRESETS.some((p) => p.pod === pod))).toEqual([])
  })

  it("offer chapter 4's startup probe and ErrImagePull stories first, and every chapter's first ones exist", () => {
    expect(CHAPTER_PRESETS.cri).toContain('startup-probe')
    expect(CHAPTER_PRESETS.cri).toContain('app-pull')
    for (const ids of Object.values(CHAPTER_PRESETS)) for (const id of ids.filter((i) => !i.startsWith('scenario:'))) expect(SIM_PRESETS.map((p) => p.id)).toContain(id)
  })

  it('show a command that means to the CLI what the preset runs', () => {
    for (const preset of SIM_PRESETS) {
      const shown = simCommand(`examples/pods/${preset.pod}.yaml`, preset.switches)
      expect({ id: preset.id, options: simOptionsOf(argsOf(shown)) }).toEqual({ id: preset.id, options: simOptionsOf(preset.command.split(' ').slice(1)) })
    }
  })

  it("make chapter 4's app-image story the chapter's own run: ErrImagePull, then ImagePullBackOff", () => {
    const preset = SIM_PRESETS.find((p) => p.id === 'app-pull')!
    expect(`npm run sim -- ${preset.command}`).toBe(cri.load().appPull!.command)
    const events = runSim(parsePod(podText('web'), 'web.yaml'), simOptionsOf(preset.command.split(' ').slice(1))).session.describeEvents('web')
    expect(events).toContain('Error: ErrImagePull')
    expect(events).toContain('Error: ImagePullBackOff')
  })
})

describe('a preset run in the page', async () => {
  const table = moduleTableSource(ROOT)
  const { MODULES } = (await import(`data:text/javascript;base64,${Buffer.from(table).toString('base64')}`)) as { MODULES: Record<string, ModuleFunction> }
  const load = () => createLoader({ modules: MODULES, builtins: BUILTINS, learner: {}, mode: 'reference', compile: compileLearnerFile })

  it('prints what its command prints', () => {
    for (const preset of SIM_PRESETS.filter((p) => p.id !== 'invalid')) {
      const page = runSimInPage(load(), podText(preset.pod), preset.switches)
      const cli = simText(runSim(parsePod(podText(preset.pod), 'pod.yaml'), simOptionsOf(preset.command.split(' ').slice(1))), { width: 100 })
      expect({ id: preset.id, text: page.kind === 'ran' ? page.view.text : page }).toEqual({ id: preset.id, text: cli })
    }
  })

  it('holds the run as --json prints it, for every preset', () => {
    for (const preset of SIM_PRESETS.filter((p) => p.id !== 'invalid')) {
      const page = runSimInPage(load(), podText(preset.pod), preset.switches)
      const cli = JSON.stringify(simJson(runSim(parsePod(podText(preset.pod), 'pod.yaml'), simOptionsOf(preset.command.split(' ').slice(1)))), null, 2)
      expect({ id: preset.id, json: page.kind === 'ran' ? page.view.json : page }).toEqual({ id: preset.id, json: cli })
    }
  })

  it('takes several mirrors separated by commas, as the CLI takes --mirror more than once', () => {
    // The pause image from one mirror, the app images from another: both must reach the node.
    const switches = { connectivity: 'dns-nxdomain', mirror: 'registry.k8s.io=http://10.0.0.5:5000, docker.io=http://10.0.0.6:5000' }
    const command = simCommand('examples/pods/web.yaml', switches)
    expect(command).toBe('npm run sim -- examples/pods/web.yaml --offline --mirror registry.k8s.io=http://10.0.0.5:5000 --mirror docker.io=http://10.0.0.6:5000')
    const page = runSimInPage(load(), podText('web'), switches)
    const cli = simText(runSim(parsePod(podText('web'), 'pod.yaml'), simOptionsOf(argsOf(command))), { width: 100 })
    expect(page.kind === 'ran' ? page.view.text : page).toBe(cli)
    expect(cli).toContain('fetched from 10.0.0.5:5000')
    expect(cli).toContain('fetched from 10.0.0.6:5000')
    expect(page.kind === 'ran' && page.view.status).toBe('Running')
    expect(runSimInPage(load(), podText('web'), { mirror: 'registry.k8s.io=http://10.0.0.5:5000, nope' })).toEqual({
      kind: 'bad-input',
      message: '--mirror "nope" is not <registry-host>=<http(s)://endpoint>',
    })
  })
})
