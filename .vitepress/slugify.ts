/**
 * VitePress's own heading slug (@mdit-vue/shared's `slugify`, which vitepress uses for anchors),
 * so that the handouts (kit/) and the drift check (locale/) name a section by the same id as
 * the site's `#anchor`.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036F]/g, '')
    .replace(/[\u0000-\u001f]/g, '')
    .replace(/[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'“”‘’<>,.?/]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^(\d)/, '_$1')
    .toLowerCase()
}
