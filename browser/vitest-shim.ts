/**
 * The `vitest` module a kata's spec imports when it runs in the page: vitest's own runner
 * (`describe`, `it`, hooks from @vitest/runner) and its own `expect` (@vitest/expect on chai),
 * put together the way vitest's createExpect does, so matchers, messages and diffs are
 * vitest's. What the specs do not use (`vi`, snapshots, expect.poll/soft) is left out.
 */
import * as chai from 'chai'
import {
  ASYMMETRIC_MATCHERS_OBJECT,
  ChaiStyleAssertions,
  GLOBAL_EXPECT,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  getState,
  setState,
} from '@vitest/expect'
import { afterAll, afterEach, beforeAll, beforeEach, describe, getCurrentTest, it, suite, test } from '@vitest/runner'

chai.use(JestExtend)
chai.use(JestChaiExpect)
chai.use(ChaiStyleAssertions)
chai.use(JestAsymmetricMatchers)

type Expect = ((value: unknown, message?: string) => Chai.Assertion) & Record<string, unknown>

function createExpect(): Expect {
  const expect = ((value: unknown, message?: string) => {
    const { assertionCalls } = getState(expect as never)
    setState({ assertionCalls: assertionCalls + 1 }, expect as never)
    const assertion = chai.expect(value, message) as Chai.Assertion & { withTest(test: unknown): Chai.Assertion }
    const current = getCurrentTest()
    return current ? assertion.withTest(current) : assertion
  }) as Expect
  Object.assign(expect, chai.expect)
  Object.assign(expect, (globalThis as Record<PropertyKey, unknown>)[ASYMMETRIC_MATCHERS_OBJECT] as object)
  expect.getState = () => getState(expect as never)
  expect.setState = (state: object) => setState(state as never, expect as never)
  setState({ assertionCalls: 0, isExpectingAssertions: false, isExpectingAssertionsError: null, expectedAssertionsNumber: null, expectedAssertionsNumberErrorGen: null, currentTestName: '' } as never, expect as never)
  expect.extend = (matchers: object) => (chai.expect as unknown as { extend(e: unknown, m: object): void }).extend(expect, matchers)
  expect.unreachable = (message?: string) => chai.assert.fail(`expected${message ? ` "${message}" ` : ' '}not to be reached`)
  return expect
}

export const expect = createExpect()
;(globalThis as Record<PropertyKey, unknown>)[GLOBAL_EXPECT] = expect

export const vi = new Proxy({}, {
  get() {
    throw new Error('vi (mocks, fake timers) is not available in the page; run the kata with npm run kata')
  },
})

export { afterAll, afterEach, beforeAll, beforeEach, describe, it, suite, test }
