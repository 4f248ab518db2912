/**
 * Property-based tests of the assembled node (workbook/node-properties.ts): random histories
 * of kubelet syncs, crashes, crictl calls, imports, mirrors and GC, with the node's invariants
 * checked after every step. Two known-wrong sandbox services from the proof show that the
 * checks catch what they claim to, and that a failure comes back shrunk, as a scenario file
 * that `npm run sim` replays.
 */
import { describe, expect, it } from 'vitest'
import { SandboxService as IpKeptOnStop } from '../proof/known-wrong/03-sandbox/ip-kept-on-stop/sandbox.ts'
import { SandboxService as RemoveLeavesContainers } from '../proof/known-wrong/03-sandbox/remove-leaves-containers/sandbox.ts'
import { parseScenario, ScenarioError } from '../sim/scenario-file.ts'
import { runScenario } from '../sim/scenario.ts'
import { checkNodeProperties, describeProperties } from '../workbook/node-properties.ts'

const HISTORIES = 120
const MAX_STEPS = 30

describe('the node under random histories', () => {
  it(`keeps every invariant through ${HISTORIES} histories of up to ${MAX_STEPS} steps`, () => {
    const result = checkNodeProperties({ histories: HISTORIES, maxSteps: MAX_STEPS })
    // The counts, for the record of what ran.
    console.log(describeProperties(result))
    expect(result.problem).toBeUndefined()
    expect(result).toMatchObject({ ok: true, histories: HISTORIES })
  })

  it('catches a sandbox service that keeps the IP after StopPodSandbox, and prints a short history that replays', () => {
    const result = checkNodeProperties({ histories: 60, maxSteps: MAX_STEPS, parts: { sandbox: { SandboxService: IpKeptOnStop } } })
    expect(result.ok).toBe(false)
    expect(result.problem).toMatch(/IP 10\.244\.1\.\d+ is still reserved for sandbox \w+, which (was stopped|is gone)|stopped sandbox \w+ still reports IP/)
    const scenario = parseScenario(result.scenario!, 'shrunk.yaml')
    expect(scenario.steps.length).toBeLessThanOrEqual(6)
    // The printed history plays with npm run sim's own code on the reference without a refusal.
    expect(() => runScenario(scenario)).not.toThrow()
  })

  it('catches a sandbox service that leaves containers behind on RemovePodSandbox', () => {
    const result = checkNodeProperties({ histories: 100, maxSteps: MAX_STEPS, parts: { sandbox: { SandboxService: RemoveLeavesContainers } } })
    expect(result.ok).toBe(false)
    expect(result.problem).toMatch(/is left after its sandbox \w+ was removed/)
    expect(describeProperties(result)).toContain('kind: Scenario')
  })

  it('a scenario may run crictl behind the kubelet’s back, and apply a Pod written inline', () => {
    const text = [
      'kind: Scenario',
      'steps:',
      '- apply: {apiVersion: v1, kind: Pod, metadata: {name: web}, spec: {containers: [{name: app, image: nginx:1.27}]}}',
      '- wait: 5s',
      '- crictl: {call: rm, pod: web, container: app}',
      '- crictl: {call: stopp, pod: web}',
      '- wait: 30s',
      '- get: pods',
    ].join('\n')
    const { text: transcript } = runScenario(parseScenario(text, 'inline.yaml'))
    expect(transcript).toMatch(/\$ sudo crictl rm <web\/app>\n.*container|\$ sudo crictl rm <web\/app>\nE… rpc error/)
    expect(transcript).toMatch(/\$ sudo crictl stopp <sandbox of web>\nStopped sandbox [0-9a-f]{64}/)
    expect(transcript).toMatch(/^web +1\/1 +Running/m)
    expect(() => parseScenario('kind: Scenario\nsteps:\n- crictl: {call: stopp, pod: web, container: app}\n', 'x.yaml')).toThrow(ScenarioError)
  })
})
