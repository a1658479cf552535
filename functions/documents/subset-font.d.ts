/** Types of `subset-font` (harfbuzz hb-subset compiled to WebAssembly), which ships none. */
declare module 'subset-font' {
  /** Options of {@link subsetFont}. */
  interface SubsetFontOptions {
    /** Output format; `truetype` keeps a TTF input a TTF. */
    readonly targetFormat?: 'sfnt' | 'truetype' | 'woff' | 'woff2';
    readonly preserveNameIds?: readonly number[];
    readonly variationAxes?: Readonly<Record<string, number | { min: number; max: number; default?: number }>>;
    readonly noLayoutClosure?: boolean;
  }

  /** A font containing only the glyphs of the characters in `text`. */
  function subsetFont(font: Buffer, text: string, options?: SubsetFontOptions): Promise<Buffer>;
  export default subsetFont;
}
