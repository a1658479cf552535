/**
 * A probe bundled by `bundling.test.ts` with the functions' own esbuild settings and run by
 * plain `node` inside a copy of the adminApi asset (no node_modules above it): it renders a
 * recognition notice through the same code path as the admin API's `notice.pdf` route
 * (`loadCjkFonts` → `renderRecognitionNotice`), writes it to the path given as the first
 * argument and prints the font files it read as JSON. It fails when the asset lacks the fonts
 * or the harfbuzz WebAssembly.
 */
import { writeFile } from 'node:fs/promises';
import { cjkFontPath, loadCjkFonts } from '#functions/documents/cjk-font.js';
import { renderRecognitionNotice } from '#functions/documents/recognition-notice.js';

const output = process.argv[2];
if (!output) throw new Error('usage: node probe.mjs <output.pdf>');
const pdf = await renderRecognitionNotice(
  {
    programName: '广西壮族自治区市域产教联合体',
    issuer: '广西职业教育创新发展领导小组办公室',
    policyRef: '桂政办发〔2023〕70号',
    procedure: ['项目申报', '组织认定', '公示'],
    decision: '领导小组审定',
    duties: [],
    year: 2026,
    noticeNumber: '桂教职成〔2026〕12号',
    decidedAt: '2026-11-30T17:30:00.000Z',
    recognized: [{ applicant: '柳州职业技术大学', title: '柳州市汽车产业产教联合体' }],
  },
  await loadCjkFonts(),
);
await writeFile(output, pdf);
process.stdout.write(JSON.stringify({ regular: cjkFontPath('regular'), bold: cjkFontPath('bold') }));
