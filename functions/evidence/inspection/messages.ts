/**
 * Message catalogue of the evidence inspection: every Chinese text an institution reads
 * about a refused upload comes from here.
 */
import type { EvidenceFormat } from '#shared/programs/schema.js';
import { formatByteSizes } from '#shared/domain/byte-size.js';
import { archiveLimits, type ArchiveFinding } from './archive-rules.js';

/** How a format is named: `short` for what was declared, `long` for what was found. */
export const formatNames: Readonly<Record<EvidenceFormat, { short: string; long: string }>> = {
  pdf: { short: 'PDF', long: 'PDF 文档' },
  jpg: { short: 'JPEG', long: 'JPEG 图片' },
  png: { short: 'PNG', long: 'PNG 图片' },
  docx: { short: 'DOCX', long: 'Word 文档（DOCX）' },
  xlsx: { short: 'XLSX', long: 'Excel 表格（XLSX）' },
  pptx: { short: 'PPTX', long: 'PowerPoint 演示文稿（PPTX）' },
  doc: { short: 'DOC', long: 'Word 97-2003 文档（DOC）' },
  xls: { short: 'XLS', long: 'Excel 97-2003 表格（XLS）' },
  zip: { short: 'ZIP', long: 'ZIP 压缩包' },
};

/** Ways a file of a recognised format can be damaged; each has its own explanation. */
export type CorruptionKind = 'pdf-end-missing' | 'pdf-no-pages' | 'zip-directory-missing' | 'png-end-missing';

/** Names of frequent file types that are none of ours, by file-type extension. */
const foreignTypeNames: Readonly<Record<string, string>> = {
  cfb: 'Word/Excel 以外的 Office 97-2003 文件（如 PPT）',
  gif: 'GIF 图片',
  webp: 'WebP 图片',
  bmp: 'BMP 图片',
  tif: 'TIFF 图片',
  heic: 'HEIC 图片（苹果手机照片）',
  docm: '启用宏的 Word 文档（DOCM）',
  xlsm: '启用宏的 Excel 表格（XLSM）',
  pptm: '启用宏的 PowerPoint 演示文稿（PPTM）',
  odt: 'OpenDocument 文本（ODT）',
  rar: 'RAR 压缩包',
  '7z': '7z 压缩包',
};

const corruption: Readonly<Record<CorruptionKind, string>> = {
  'pdf-end-missing': 'PDF 文件不完整（缺少文件结束标记），可能上传中断或文件已损坏，请重新导出后上传',
  'pdf-no-pages': 'PDF 文件已损坏：未找到任何页面，请重新导出后上传',
  'zip-directory-missing': '文件不完整（压缩结构缺少目录），可能上传中断或文件已损坏，请重新保存后上传',
  'png-end-missing': 'PNG 图片不完整（缺少结束标记），可能上传中断或文件已损坏，请重新上传',
};

/** Why an archive (ZIP, or the container of a DOCX/XLSX/PPTX) is refused; `entry` is the quoted entry name or empty. */
const archiveMessages: Readonly<Record<ArchiveFinding['kind'], (entry: string) => string>> = {
  expansion: () =>
    `压缩内容解压后过大（超过 ${archiveLimits.maxExpandedBytes / 1024 ** 3} GB，或超过文件本身大小的 ${archiveLimits.maxExpansionRatio} 倍），疑似“压缩炸弹”，请直接上传所需文件`,
  nested: (entry) => `压缩包内不能再包含压缩包${entry ? `（${entry}）` : ''}，请解压后只打包所需文件`,
  executable: (entry) => `压缩包内含可执行程序或脚本${entry ? `（${entry}）` : ''}，出于安全原因不予接收，请删除后重新上传`,
  encrypted: (entry) => `压缩包已加密${entry ? `（${entry}）` : ''}，无法检查其内容，请取消密码后重新上传`,
  inconsistent: (entry) => `压缩包结构异常${entry ? `（${entry}）` : ''}：目录与文件头不一致或无法读取，可能已损坏，请重新压缩后上传`,
};

/** The Chinese messages of every {@link EvidenceProblemCode}. */
export const inspectionMessages = {
  emptyFile: (): string => '文件为空（0 字节），请选择正确的文件重新上传',
  tooLarge: (bytes: number, maxBytes: number): string => {
    const [size, limit] = formatByteSizes(bytes, maxBytes);
    return `文件大小为 ${size}，超过本项材料允许的上限 ${limit}`;
  },
  sizeMismatch: (bytes: number, declaredBytes: number): string =>
    `收到的文件大小（${bytes} 字节）与申报时声明的大小（${declaredBytes} 字节）不一致，文件可能未完整上传，请重新上传`,
  unknownType: (foreignType: string | undefined): string =>
    foreignType === undefined
      ? '无法识别文件类型：文件内容不是 PDF、图片、Office 文档或 ZIP 压缩包，可能已损坏'
      : `不支持的文件类型：实际检测为 ${foreignTypeNames[foreignType] ?? `${foreignType.toUpperCase()} 文件`}`,
  declaredTypeMismatch: (declared: EvidenceFormat, detected: EvidenceFormat): string =>
    `文件内容与声明的类型不符：声明为 ${formatNames[declared].short}，实际检测为 ${formatNames[detected].long}`,
  unsupportedDeclaredType: (declaredContentType: string, detected: EvidenceFormat): string =>
    `文件内容与声明的类型不符：声明的类型“${declaredContentType}”不是可接受的文件类型，实际检测为 ${formatNames[detected].long}`,
  formatNotAccepted: (accepted: readonly EvidenceFormat[], detected: EvidenceFormat): string =>
    `本项材料只接受 ${accepted.map((format) => formatNames[format].short).join('、')} 格式，上传的文件是 ${formatNames[detected].long}`,
  encryptedPdf: (): string => 'PDF 文件已加密（设置了密码或权限限制），评审专家无法查看，请取消加密后重新导出上传',
  corrupt: (kind: CorruptionKind): string => corruption[kind],
  archive: ({ kind, entry }: ArchiveFinding): string => archiveMessages[kind](entry === undefined ? '' : `“${entry}”`),
} as const;
