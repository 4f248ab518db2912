/* @vue/repl preview: es-module-shims is not needed (the page loads no modules there); this file keeps it offline. */
