declare module 'virtual:podkata-modules' {
  export const MODULES: Record<string, (require: (id: string) => unknown, module: { exports: unknown }, exports: unknown) => void>
}
