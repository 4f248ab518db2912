/**
 * Colours for the terminal, switched off when output is not a terminal or NO_COLOR is set
 * (https://no-color.org), and forced on with FORCE_COLOR.
 */
import { styleText } from 'node:util'

type Format = Parameters<typeof styleText>[0]

const useColour = (): boolean =>
  process.env.FORCE_COLOR ? process.env.FORCE_COLOR !== '0' : Boolean(process.stdout.isTTY) && !process.env.NO_COLOR

const paint =
  (format: Format) =>
  (text: string): string =>
    useColour() ? styleText(format, text, { validateStream: false }) : text

export const bold = paint('bold')
export const dim = paint('dim')
export const red = paint('red')
export const green = paint('green')
export const yellow = paint('yellow')
export const cyan = paint('cyan')

export const colourEnabled = useColour

export const PASS = '✓'
export const FAIL = '✗'
export const UNTRIED = '·'
