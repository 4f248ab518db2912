/**
 * Kubernetes name rules, with the API server's own messages
 * (k8s.io/apimachinery/pkg/util/validation/validation.go). Each check returns the list of
 * problems: empty means the name is fine.
 */

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?'
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`

export const DNS1123_LABEL_MAX_LENGTH = 63
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253

const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"

/** A container name, a port name: at most 63 characters of a-z, 0-9 and '-'. */
export function isDNS1123Label(value: string): string[] {
  const problems: string[] = []
  if (value.length > DNS1123_LABEL_MAX_LENGTH) problems.push(maxLengthMessage(DNS1123_LABEL_MAX_LENGTH))
  if (!new RegExp(`^${DNS1123_LABEL}$`).test(value)) {
    // A valid subdomain that is not a valid label can only be wrong because of its dots.
    if (new RegExp(`^${DNS1123_SUBDOMAIN}$`).test(value)) problems.push('must not contain dots')
    else problems.push(regexMessage(LABEL_MESSAGE, DNS1123_LABEL, 'my-name', '123-abc'))
  }
  return problems
}

/** A Pod name: at most 253 characters, dot-separated labels. */
export function isDNS1123Subdomain(value: string): string[] {
  const problems: string[] = []
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) problems.push(maxLengthMessage(DNS1123_SUBDOMAIN_MAX_LENGTH))
  if (!new RegExp(`^${DNS1123_SUBDOMAIN}$`).test(value)) {
    problems.push(regexMessage(SUBDOMAIN_MESSAGE, DNS1123_SUBDOMAIN, 'example.com'))
  }
  return problems
}

function maxLengthMessage(length: number): string {
  return `must be no more than ${length} characters`
}

// apimachinery's RegexError: "<msg> (e.g. 'a',  or 'b', regex used for validation is '<re>')".
// The double space after the comma is in the original.
function regexMessage(message: string, regex: string, ...examples: string[]): string {
  const quoted = examples.map((e) => `'${e}'`).join(',  or ')
  return `${message} (e.g. ${quoted}, regex used for validation is '${regex}')`
}
