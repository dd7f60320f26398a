/** Stylesheets are bundled as text (webpack asset/source) and put in a <style> at start. */
declare module '*.css' {
  const text: string;
  export default text;
}
