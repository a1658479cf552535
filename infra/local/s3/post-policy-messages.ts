/**
 * Message catalogue of the local POST policy check: the Chinese reasons an institution
 * reads when the local runtime refuses an upload the way S3 would.
 */
import { formatByteSizes } from '#shared/domain/byte-size.js';

/** Chinese reasons for each kind of refused browser upload. */
export const postPolicyReasons = {
  unauthorised: (): string => '上传请求未经授权，请在申报页面重新选择文件上传',
  incomplete: (field: string): string => `上传请求不完整（缺少 ${field}），请在申报页面重新选择文件上传`,
  badCredentials: (): string => '上传凭证无效或已被篡改，请在申报页面重新选择文件上传',
  badPolicy: (): string => '上传凭证格式有误，请在申报页面重新选择文件上传',
  expired: (): string => '上传链接已过期，请在申报页面重新选择文件上传',
  wrongKey: (): string => '上传位置与申报材料不符，请在申报页面重新选择文件上传',
  wrongBucket: (): string => '上传目标与申报材料不符，请在申报页面重新选择文件上传',
  wrongContentType: (expected: string, actual: string | undefined): string =>
    `文件类型与申报时声明的类型不符：应为 ${expected}，实际为 ${actual === undefined || actual === '' ? '未声明' : actual}`,
  conditionFailed: (field: string): string => `上传请求的 ${field} 与授权条件不符，请在申报页面重新选择文件上传`,
  extraFields: (fields: readonly string[]): string => `上传请求包含未经授权的字段（${fields.join('、')}），请在申报页面重新选择文件上传`,
  tooLarge: (bytes: number, maxBytes: number): string => {
    const [size, limit] = formatByteSizes(bytes, maxBytes);
    return `文件大小为 ${size}，超过允许的上限 ${limit}`;
  },
  tooSmall: (bytes: number, minBytes: number): string => {
    if (bytes === 0) return '文件为空（0 字节），请选择正确的文件上传';
    const [size, limit] = formatByteSizes(bytes, minBytes);
    return `文件大小为 ${size}，小于允许的下限 ${limit}`;
  },
} as const;
