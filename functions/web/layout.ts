/**
 * The frame of every server-rendered page: HTML escaping, JSON embedded for the page script,
 * the shared stylesheet and the document shell. Pages are static apart from the ids in their
 * path; everything else is fetched by the page script from the JSON API.
 */
import { createHash } from 'node:crypto';
import { siteMessages } from './messages.js';

/**
 * Escapes text for HTML element content and quoted attribute values.
 *
 * @example
 * escapeHtml('<a href="x">'); // '&lt;a href=&quot;x&quot;&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => htmlEntities[char] ?? char);
}

const htmlEntities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Serialises a value as JSON that is safe inside `<script type="application/json">`:
 * `<`, `>`, `&` and the JavaScript line separators are written as unicode escapes.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The stylesheet all pages share: readable on phones, visible focus, no external assets. */
export const pageStyles = `
:root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--brand:#b4232a;--accent:#0b57d0;--ok:#1a7f37;--bad:#cf222e;--warn-bg:#fff8c5;--radius:8px}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.6 "Noto Sans SC","PingFang SC","Microsoft YaHei","Source Han Sans SC",sans-serif;color:var(--ink);background:var(--bg)}
.skip{position:absolute;left:-999px;top:0}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:10}
.site{background:var(--brand);color:#fff}
.site .wrap{padding-top:10px;padding-bottom:10px}
.brand{margin:0;font-weight:600;letter-spacing:.05em}
.wrap{max-width:880px;margin:0 auto;padding:16px}
main:focus{outline:none}
h1{font-size:1.5rem;margin:.5rem 0 1rem;line-height:1.35}
h2{font-size:1.2rem;margin:0 0 .75rem}
h3{font-size:1.05rem;margin:1rem 0 .5rem}
.card{background:#fff;border:1px solid var(--line);border-radius:var(--radius);padding:16px;margin:0 0 16px}
.notice{padding:12px 16px;border-radius:var(--radius);margin:0 0 16px;background:#ddf4ff;border:1px solid #54aeff}
.notice:empty{display:none}
.notice.error{background:#ffebe9;border-color:#ff8182}
.notice.success{background:#dafbe1;border-color:#4ac26b}
.notice.warn{background:var(--warn-bg);border-color:#d4a72c}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0;word-break:break-word}
.steps{display:flex;gap:8px;list-style:none;padding:0;margin:0 0 16px;counter-reset:step}
.steps li{flex:1;padding:8px;border-radius:var(--radius);background:#fff;border:1px solid var(--line);color:var(--muted);font-size:.9rem;text-align:center}
.steps li[aria-current="step"]{border-color:var(--accent);color:var(--accent);font-weight:600}
.steps li.done{color:var(--ok);border-color:#4ac26b}
fieldset{border:1px solid var(--line);border-radius:var(--radius);padding:12px;margin:0 0 12px}
legend{padding:0 4px;font-weight:600}
label{display:block;margin:0 0 4px;font-weight:500}
.choice{display:flex;align-items:center;gap:8px;font-weight:400;padding:6px 0;cursor:pointer}
.choice input{width:1.15rem;height:1.15rem;margin:0}
input[type=text],input[type=tel],input[type=number],input[type=email],input[type=search],input[type=datetime-local],input[type=file],select,textarea{width:100%;font:inherit;padding:8px 10px;border:1px solid #8c959f;border-radius:6px;background:#fff;color:inherit}
textarea{min-height:6rem;resize:vertical}
input:focus-visible,select:focus-visible,textarea:focus-visible,button:focus-visible,a:focus-visible,summary:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
[aria-invalid="true"]{border-color:var(--bad)!important;background:#fff5f5}
.field{margin:0 0 12px}
.hint{color:var(--muted);font-size:.875rem;margin:2px 0 0}
.field-error{color:var(--bad);font-size:.9rem;margin:4px 0 0}
.field-error:empty{display:none}
.actions{display:flex;flex-wrap:wrap;gap:12px;margin-top:16px}
button{font:inherit;padding:10px 20px;border-radius:6px;border:1px solid var(--accent);background:#fff;color:var(--accent);cursor:pointer;min-height:44px}
button.primary{background:var(--accent);color:#fff}
button:disabled{opacity:.55;cursor:not-allowed}
a{color:var(--accent)}
.group{border-left:3px solid var(--line);padding-left:12px;margin:0 0 12px}
.group>h3,.group>h4{margin:.25rem 0 .5rem;font-size:1rem}
.leaf{display:grid;grid-template-columns:1fr 7.5rem;gap:4px 12px;align-items:center;padding:8px 0;border-bottom:1px dashed var(--line)}
.leaf label{margin:0}
.leaf .hint,.leaf .field-error{grid-column:1/-1}
.total{position:sticky;bottom:0;background:#fff;border:1px solid var(--accent);border-radius:var(--radius);padding:10px 16px;margin:12px 0;display:flex;justify-content:space-between;align-items:baseline;box-shadow:0 -2px 8px rgba(0,0,0,.06)}
.total output{font-size:1.4rem;font-weight:700;color:var(--accent)}
ul.files{padding-left:1.2rem;margin:0}
ul.files li{margin:4px 0}
.scroll{overflow-x:auto}
table{width:100%;border-collapse:collapse;background:#fff}
th,td{border:1px solid var(--line);padding:8px;text-align:left;vertical-align:top}
th{background:#eef1f4}
.counter{float:right;color:var(--muted);font-size:.85rem;font-weight:400}
.wrap.wide{max-width:1240px}
.appbar{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:8px 16px;margin:0 0 16px;padding:8px 12px;background:#fff;border:1px solid var(--line);border-radius:var(--radius)}
.appbar ul,.tabs ul{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;margin:0;padding:0}
.appbar a,.tabs a{text-decoration:none;padding:6px 2px;display:inline-block}
.appbar a[aria-current="page"],.tabs a[aria-current="page"]{font-weight:700;border-bottom:3px solid var(--accent)}
.account{display:flex;align-items:center;gap:12px;color:var(--muted)}
.account button{min-height:36px;padding:4px 12px}
.tabs{margin:0 0 16px;border-bottom:1px solid var(--line)}
.required{color:var(--bad)}
.badge{display:inline-block;padding:0 8px;border-radius:999px;font-size:.85rem;background:#eef1f4;border:1px solid var(--line);white-space:nowrap}
.badge.ok{background:#dafbe1;border-color:#4ac26b;color:#116329}
.badge.bad{background:#ffebe9;border-color:#ff8182;color:#a40e26}
.badge.warn{background:var(--warn-bg);border-color:#d4a72c;color:#7d4e00}
tr.overdue td{background:#fff5f5}
.toolbar{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:flex-end;margin:0 0 12px}
.toolbar .field{margin:0;flex:1 1 12rem}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:0 16px}
progress{width:100%;height:1rem}
.sub{display:block;color:var(--muted);font-size:.85rem;font-weight:400}
.muted{color:var(--muted)}
td.num{text-align:right;white-space:nowrap}
.nowrap{white-space:nowrap}
.badges .badge{margin:2px 4px 0 0}.badges{display:block}
td .badge{margin-top:2px}
button.small{min-height:32px;padding:2px 10px;font-size:.875rem;white-space:nowrap}
caption{text-align:left;padding:4px 0}
table.ranking{font-size:.9rem}
table.ranking th,table.ranking td{padding:6px}
table.ranking th{white-space:nowrap}
table.ranking td.named{min-width:12rem}
table.ranking td.named .title{font-weight:600}
tr.chosen>td{background:#f3f8ff}
tr.items>td{background:#fafbfc;padding:8px 12px}
section.objection{border-left:4px solid var(--line)}
.objection h2{margin-top:0;font-size:1.05rem}
.notice p{margin:0 0 .5rem}.notice p:last-child{margin-bottom:0}.notice .lead{font-weight:600}
section.objection.open{border-left-color:#d4a72c}
.objection blockquote{margin:8px 0;padding:8px 12px;background:var(--bg);border-radius:6px;white-space:pre-wrap}
ul.chips{display:flex;flex-wrap:wrap;gap:4px;list-style:none;margin:0;padding:0}
.toolbar.heading{justify-content:space-between;align-items:center}
.toolbar.heading h1{margin:0}
details>summary{cursor:pointer;font-weight:600;margin:8px 0}
.hint.intro{margin:0 0 12px}
fieldset.inline{display:flex;flex-wrap:wrap;gap:0 24px}
button.link{border:0;background:none;padding:0;min-height:0;color:var(--accent);text-decoration:underline}
@media (max-width:600px){table.data.many{min-width:44rem}}
.field>label,.material>label{display:inline-block}
.card>h3:first-child{margin-top:0}
.with-unit{display:flex;align-items:center;gap:8px}
.with-unit input{flex:1}
input[type=date]{font:inherit;padding:8px 10px;border:1px solid #8c959f;border-radius:6px;background:#fff;color:inherit;max-width:100%}
input[type=file]{font:inherit;max-width:100%;margin:4px 0}
button.danger{border-color:var(--bad);color:var(--bad)}
ul.files button.small{margin-left:8px}
a.button-link{display:inline-flex;align-items:center;min-height:44px}
p.label{margin:0 0 4px;font-weight:500}
.pre-line{white-space:pre-line}
.material{padding:12px 0;border-bottom:1px dashed var(--line)}
.material:last-child{border-bottom:0}
.upload-progress{display:flex;align-items:center;gap:12px;margin:6px 0}
.upload-progress progress{flex:1}
.file-name{word-break:break-all}
ul.tree{list-style:none;padding-left:0;margin:0}
ul.tree ul.tree{padding-left:1.25rem;border-left:2px solid var(--line);margin:4px 0 8px}
ul.tree li{margin:4px 0}
.code{font-weight:600;color:var(--accent)}
.inline-list{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;padding:0;margin:0}
details[open].card>summary{margin-bottom:12px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.lede{color:var(--muted);margin:0 0 1rem}
a.button{display:inline-flex;align-items:center;justify-content:center;font:inherit;padding:10px 20px;border-radius:6px;border:1px solid var(--accent);background:#fff;color:var(--accent);min-height:44px;text-decoration:none}
a.button.primary{background:var(--accent);color:#fff}
a.button[aria-disabled="true"]{opacity:.55}
.next-step{border-left:4px solid var(--accent)}
.next-step .next-text{font-size:1.1rem;margin:.25rem 0}
.waiting{margin:0;color:var(--muted)}
.failure h2{color:var(--bad)}
.round-steps li{padding:6px 4px;font-size:.85rem}
ul.counts{list-style:none;margin:0;padding:0}
ul.counts li{display:flex;justify-content:space-between;padding:4px 0;border-bottom:1px dashed var(--line)}
.split{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,3fr);gap:16px;align-items:start}
.split>*{min-width:0}
.decision{border-top:2px solid var(--accent);margin-top:16px;padding-top:4px}
.queue button.open{min-height:0;padding:0;border:0;background:none;color:var(--accent);text-align:left;text-decoration:underline;cursor:pointer}
.queue tr[aria-selected="true"] td,.queue tr.selected td{background:#ddf4ff}
ul.rules{list-style:none;padding:0;margin:0 0 12px}
ul.rules li{padding:6px 0;border-bottom:1px dashed var(--line)}
code.hash{font-size:.85rem;word-break:break-all}
footer.site-foot{color:var(--muted);font-size:.85rem;text-align:center;padding:24px 16px}
@media (max-width:900px){.split{grid-template-columns:1fr}}
@media (max-width:600px){.wrap{padding:12px}.actions a.button{flex:1 1 100%}.steps{flex-direction:column}.leaf{grid-template-columns:1fr 6rem}dl.facts{grid-template-columns:1fr}dl.facts dt{margin-top:6px}button{flex:1 1 100%}h1{font-size:1.3rem}}
`;

/**
 * The table of applications a public page lists (序号, 申报单位, 项目名称), its rows filled by the
 * page script into `<tbody id="entries">`.
 */
export function applicationTable(headings: { readonly index: string; readonly applicant: string; readonly projectTitle: string }): string {
  return `<div class="scroll">
    <table>
      <thead><tr><th scope="col">${escapeHtml(headings.index)}</th><th scope="col">${escapeHtml(headings.applicant)}</th><th scope="col">${escapeHtml(headings.projectTitle)}</th></tr></thead>
      <tbody id="entries"></tbody>
    </table>
  </div>`;
}

/** A page to render: its title, main content, data for its script, and the script itself. */
export interface PageParts {
  readonly title: string;
  /** The content of `<main>`, already escaped. */
  readonly main: string;
  /** Values the script reads from `<script id="page-data" type="application/json">`. */
  readonly data: unknown;
  /** The path of the page script, served from this origin (`/assets/<name>`); none for a static page. */
  readonly script?: { readonly src: string };
  /** Whether the page uses the full width of a desktop screen (console tables); narrow when absent. */
  readonly wide?: boolean;
}

/** The `sha256-…` source expression of an inline style, for the Content-Security-Policy. */
export function cspHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

/**
 * The Content-Security-Policy of a page with a page script (only scripts of this origin run,
 * none inline) or without one (no script runs): requests go to this origin only (and to
 * `connectOrigins`, e.g. the sign-in issuer), and the page cannot be framed.
 */
export function contentSecurityPolicy(script?: { readonly src: string }, connectOrigins: readonly string[] = []): string {
  return [
    "default-src 'none'",
    `script-src ${script ? "'self'" : "'none'"}`,
    `style-src ${cspHash(pageStyles)}`,
    ['connect-src', "'self'", ...connectOrigins].join(' '),
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The whole HTML document of a page. */
export function renderDocument(parts: PageParts): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${escapeHtml(parts.title)} - ${escapeHtml(siteMessages.siteName)}</title>
<style>${pageStyles}</style>
</head>
<body>
<a class="skip" href="#main">${escapeHtml(siteMessages.skipToContent)}</a>
<header class="site"><div class="wrap${parts.wide ? ' wide' : ''}"><p class="brand">${escapeHtml(siteMessages.siteName)}</p></div></header>
<main id="main" class="wrap${parts.wide ? ' wide' : ''}" tabindex="-1">
${parts.main}
</main>
<footer class="site-foot">${escapeHtml(siteMessages.footer)}</footer>
<script id="page-data" type="application/json">${jsonForScript(parts.data)}</script>
${parts.script ? `<script src="${escapeHtml(parts.script.src)}" defer></script>` : ''}
</body>
</html>`;
}
