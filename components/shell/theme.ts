// Dark mode: the "dark" class on <html>. A saved choice (localStorage
// 'flowdeck-theme' = "dark" | "light") wins; otherwise the system setting.
export const THEME_STORAGE_KEY = "flowdeck-theme";

/** Runs inline in <head> before first paint, so there is no flash of the wrong theme. */
export const themeScript = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});var d=t?t==="dark":window.matchMedia("(prefers-color-scheme: dark)").matches;document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;
