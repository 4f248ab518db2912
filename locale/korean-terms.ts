/**
 * How the site's search (MiniSearch, through VitePress) turns a word into a search term, so that
 * Korean words match with or without their particle: 파드를, 파드의 and 파드 all index and query
 * as 파드. Korean writes particles (조사) onto the noun, and the default tokenizer splits only on
 * spaces and punctuation, so without this "샌드박스" found "샌드박스를" only by prefix, and
 * "샌드박스를" did not find "샌드박스는" at all.
 *
 * VitePress sends this function to the browser as source text (its config serialises functions),
 * so it must stand alone: no imports, no outside names.
 */
export function koreanSearchTerm(term: string): string {
  const lower = term.toLowerCase()
  // Longest first, so 에서 is taken before 서 could be. Only whole-Hangul words lose a particle,
  // and only when at least two syllables remain, so short words (이미지, 노드) keep their shape.
  const particles = ['으로부터', '에서는', '에서도', '에게서', '으로는', '까지', '부터', '에서', '에게', '으로', '처럼', '보다', '이나', '이다', '입니다', '은', '는', '이', '가', '을', '를', '의', '에', '로', '와', '과', '도', '만', '나']
  if (!/^[\uac00-\ud7a3]+$/.test(lower)) return lower
  for (const particle of particles) {
    if (lower.endsWith(particle) && lower.length - particle.length >= 2) return lower.slice(0, -particle.length)
  }
  return lower
}
