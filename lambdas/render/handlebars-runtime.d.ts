// Types for Handlebars' runtime build alone (the package's runtime.d.ts declares no exports): the
// same API as the full build, which adds the compiler (template-compiler.ts loads that on first use).
declare module 'handlebars/runtime.js' {
  import Handlebars from 'handlebars';
  export default Handlebars;
}
