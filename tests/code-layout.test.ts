/** How code and terminal lines wrap on the site (.vitepress/code-layout.ts). */
import { describe, expect, it } from 'vitest'
import { layoutLines, TABLE_HEADER } from '../.vitepress/code-layout.ts'

const events = [
  'Events:',
  '  Type     Reason                  Age   From     Message',
  '  ----     ------                  ----  ----     -------',
  '  Normal   Scheduled               2m    default  Successfully assigned default/web to node-1',
  '  Warning  FailedCreatePodSandBox  7s (x12 over 119s)  kubelet  Failed to create pod sandbox: rpc error',
]

describe('layoutLines', () => {
  it('hangs wrapped code two columns right of where the line starts, tabs counted to stops of four', () => {
    const { lines, minColumns } = layoutLines(['function f() {', '    return g(a, b)', '\tx', '', '# comment'])
    expect(lines.map((line) => line.hang)).toEqual([2, 6, 6, 2, 2])
    expect(minColumns).toBeUndefined()
  })

  it('keeps an Events table at least as wide as its header, and wraps a long message under the Reason column', () => {
    const reason = events[1]!.indexOf('Reason')
    const { lines, minColumns } = layoutLines(events)
    expect(lines.slice(2).map((line) => line.hang)).toEqual([reason, reason, reason])
    expect(minColumns).toBe(events[1]!.length)
  })

  it('finds the columns of an Events row that has no header above it', () => {
    const row = 'Warning  FailedCreatePodSandBox  40m (x3 over 2m)  kubelet  Failed to create pod sandbox'
    const { lines, minColumns } = layoutLines([row])
    expect(lines[0]!.hang).toBe(row.indexOf('FailedCreatePodSandBox'))
    // No header, no least width: on a phone the message wraps instead of panning.
    expect(minColumns).toBeUndefined()
  })

  it('keeps the columns of kubectl get pods, and leaves the table at a blank line or the next command', () => {
    const get = ['$ kubectl get pods -o wide', 'NAME   READY   STATUS    RESTARTS   AGE   IP', 'web    2/2     Running   0          9s    10.244.1.2', '', 'plain text that is long enough']
    const { lines, minColumns } = layoutLines(get)
    expect(lines[2]!.hang).toBe(get[1]!.indexOf('READY'))
    expect(lines[4]!.hang).toBe(2)
    expect(minColumns).toBe(get[1]!.length)
  })

  it('names the Events header the browser test looks for', () => {
    expect(TABLE_HEADER.test(events[1]!)).toBe(true)
    expect(TABLE_HEADER.test('Type Reason Age From Message')).toBe(false)
  })
})
