/**
 * The checks a chosen file passes before it is uploaded, worded as the API words them: its
 * format (by the name's extension, the Content-Type the browser gives as a fallback) among the
 * material's formats, not empty and within the material's size limit; and the Content-Type to
 * declare for it (the evidence processor then checks the bytes themselves).
 */
import { formatByteSize, formatByteSizes } from '#shared/domain/byte-size.js';
import { contentTypesByFormat, formatOfContentType } from '#shared/domain/evidence-formats.js';
import type { EvidenceFormat, Material } from '#shared/programs/schema.js';
import { portalApplicationText as t } from '#functions/web/institution-messages.js';
import { fill } from '../page-runtime.js';

const formatByExtension: Readonly<Record<string, EvidenceFormat>> = {
  pdf: 'pdf',
  jpg: 'jpg',
  jpeg: 'jpg',
  png: 'png',
  docx: 'docx',
  xlsx: 'xlsx',
  pptx: 'pptx',
  doc: 'doc',
  xls: 'xls',
  zip: 'zip',
};

/** The formats of a material for people: `PDF、DOCX`. */
export function formatsText(formats: readonly EvidenceFormat[]): string {
  return formats.map((format) => format.toUpperCase()).join('、');
}

/** The `accept` attribute of a material's file input (extensions and canonical types). */
export function acceptOf(material: Pick<Material, 'formats'>): string {
  const extensions = Object.entries(formatByExtension).filter(([, format]) => material.formats.includes(format)).map(([extension]) => `.${extension}`);
  return [...extensions, ...material.formats.map((format) => contentTypesByFormat[format][0])].join(',');
}

/** The hint under a material's file input: its formats and size limit. */
export function materialHint(material: Pick<Material, 'formats' | 'maxBytes'>): string {
  return fill(t.formatsAndSize, { formats: formatsText(material.formats), size: formatByteSize(material.maxBytes) });
}

/** What a chosen file is, for {@link checkFile}. */
export interface ChosenFile {
  readonly name: string;
  readonly type: string;
  readonly size: number;
}

/** The outcome of {@link checkFile}: the Content-Type to declare, or why the file is refused. */
export type FileCheck = { readonly ok: true; readonly contentType: string } | { readonly ok: false; readonly message: string };

/**
 * Checks a chosen file against a material before any upload.
 *
 * @example
 * checkFile({ title: '申报书', formats: ['pdf'], maxBytes: 10 }, { name: 'a.png', type: 'image/png', size: 3 });
 * // { ok: false, message: '“申报书”只接受 PDF 格式的文件，所选文件“a.png”不符合。' }
 */
export function checkFile(material: Pick<Material, 'title' | 'formats' | 'maxBytes'>, file: ChosenFile): FileCheck {
  const extension = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const format = formatByExtension[extension] ?? formatOfContentType(file.type);
  if (!format || !material.formats.includes(format)) {
    return { ok: false, message: fill(t.wrongFormat, { title: material.title, formats: formatsText(material.formats), file: file.name }) };
  }
  if (file.size === 0) return { ok: false, message: fill(t.emptyFile, { file: file.name }) };
  if (file.size > material.maxBytes) {
    const [size, limit] = formatByteSizes(file.size, material.maxBytes);
    return { ok: false, message: fill(t.tooLarge, { title: material.title, limit, size }) };
  }
  return { ok: true, contentType: formatOfContentType(file.type) === format ? file.type : contentTypesByFormat[format][0]! };
}
