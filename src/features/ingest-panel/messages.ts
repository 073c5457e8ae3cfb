/** Texts of the ingest panel, English and Chinese. */
export type Lang = 'en' | 'zh';

export interface IngestMessages {
  loadFiles: string;
  pasteTable: string;
  dropHere: string;
  pasteTitle: string;
  pasteHint: string;
  pasteLabel: string;
  pasteLoad: string;
  cancel: string;
  reading: (file: string, percent: number) => string;
  parsingLabel: string;
  loadedSets: string;
  noSets: string;
  records: (n: number) => string;
  counts: (read: number, accepted: number, rejected: number, flagged: number) => string;
  rejectedRows: (n: number) => string;
  file: string;
  line: string;
  reason: string;
  more: (n: number) => string;
  remove: string;
  removeSet: (name: string) => string;
  failedTitle: string;
  dismiss: string;
  loadedStatus: (sets: number, records: number) => string;
  workerFailed: (reason: string) => string;
  loadedAt: string;
}

const en: IngestMessages = {
  loadFiles: 'Load files…',
  pasteTable: 'Paste table',
  dropHere: 'Drop result files to load them',
  pasteTitle: 'Paste a table',
  pasteHint:
    'A wiki (markdown) table, a spreadsheet selection, CSV/TSV or JSON. Ctrl/Cmd+V anywhere on the page works too.',
  pasteLabel: 'Table text',
  pasteLoad: 'Load',
  cancel: 'Cancel',
  reading: (file, percent) => `Reading ${file}… ${percent}%`,
  parsingLabel: 'Parsing progress',
  loadedSets: 'Loaded result sets',
  noSets: 'No result set loaded yet: drop files here, use “Load files…” or paste a table.',
  records: (n) => `${n} ${n === 1 ? 'record' : 'records'}`,
  counts: (r, a, j, f) => `${r} read · ${a} accepted · ${j} rejected · ${f} flagged`,
  rejectedRows: (n) => `Rejected rows (${n})`,
  file: 'File',
  line: 'Line',
  reason: 'Reason',
  more: (n) => `… and ${n} more`,
  remove: 'Remove set',
  removeSet: (name) => `Remove set ${name}`,
  failedTitle: 'Not loaded',
  dismiss: 'Dismiss',
  loadedStatus: (s, r) =>
    `Loaded ${s} ${s === 1 ? 'set' : 'sets'} (${r} ${r === 1 ? 'record' : 'records'})`,
  workerFailed: (reason) => `Loading failed: ${reason}`,
  loadedAt: 'loaded',
};

const zh: IngestMessages = {
  loadFiles: '加载文件…',
  pasteTable: '粘贴表格',
  dropHere: '松开鼠标以加载结果文件',
  pasteTitle: '粘贴表格',
  pasteHint:
    'Wiki（markdown）表格、电子表格选区、CSV/TSV 或 JSON。也可在页面任意位置按 Ctrl/Cmd+V 粘贴。',
  pasteLabel: '表格文本',
  pasteLoad: '加载',
  cancel: '取消',
  reading: (file, percent) => `正在读取 ${file}… ${percent}%`,
  parsingLabel: '解析进度',
  loadedSets: '已加载的结果集',
  noSets: '尚未加载结果集：将文件拖到此处、点击“加载文件…”或粘贴表格。',
  records: (n) => `${n} 条记录`,
  counts: (r, a, j, f) => `读取 ${r} · 接受 ${a} · 拒绝 ${j} · 标记 ${f}`,
  rejectedRows: (n) => `被拒绝的行（${n}）`,
  file: '文件',
  line: '行',
  reason: '原因',
  more: (n) => `… 另有 ${n} 行`,
  remove: '移除结果集',
  removeSet: (name) => `移除结果集 ${name}`,
  failedTitle: '未能加载',
  dismiss: '关闭',
  loadedStatus: (s, r) => `已加载 ${s} 个结果集（${r} 条记录）`,
  workerFailed: (reason) => `加载失败：${reason}`,
  loadedAt: '加载于',
};

export const MESSAGES: Record<Lang, IngestMessages> = { en, zh };
