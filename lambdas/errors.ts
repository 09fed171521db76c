// A small typed error hierarchy. Every error carries a stable `code` and a message a clerk
// can act on; `permanent` tells the queue consumer whether retrying could ever help.

export abstract class NoticeError extends Error {
  abstract readonly code: string;
  /** True when the same input will always fail (bad case, missing glyph); false for transient faults. */
  readonly permanent: boolean = true;
}

/** A character that no font in the pack can draw: the document must not be issued with a blank box. */
export class MissingGlyphError extends NoticeError {
  readonly code = 'MISSING_GLYPH';
  constructor(
    readonly character: string,
    readonly field: string,
  ) {
    const cp = character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    super(`${field}: the character “${character}” (U+${cp}) is in no font of the font pack; add a font that covers it to the pack's fallback chain`);
  }
}

/** Configuration that cannot work (a font file missing, a bad value in the environment). */
export class ConfigError extends NoticeError {
  readonly code = 'CONFIG_INVALID';
}

/** Markup that a template produced but the document model cannot accept. */
export class MarkupError extends NoticeError {
  readonly code = 'MARKUP_INVALID';
}
