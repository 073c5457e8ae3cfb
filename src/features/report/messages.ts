/** Texts of the decision report, English and Chinese (the report's own table, like ingest-panel). */
import type { Lang } from '../../core/policy/policy.types';

export interface ReportMessages {
  title: string;
  question: string;
  questionLead: string;
  print: string;
  host: string;
  hostAssumed: (qemu: string, libvirt: string) => string;
  hostNote: string;
  dataLabel: string;
  data: (sets: string, records: number, comparisons: number) => string;
  preallocCol: string;
  preallocValue: (p: string) => string;
  noData: string;
  permalink: string;
  answer: string;
  answerLead: string;
  supports: (n: number) => string;
  contradicts: (n: number) => string;
  neutral: (n: number) => string;
  unusable: (n: number) => string;
  thenIoUring: string;
  matrix: string;
  matrixLead: string;
  storage: string;
  medium: string;
  prealloc: (p: string) => string;
  noCell: string;
  contested: string;
  gap: string;
  confidence: Record<'high' | 'medium' | 'low', string>;
  comparisonsShort: (n: number) => string;
  evidence: string;
  evidenceLead: string;
  evidenceNone: string;
  notDrawn: (n: number) => string;
  firstWrite: string;
  singleRun: string;
  caveats: string;
  caveatRecords: (records: number, guest: number) => string;
  caveatFlags: string;
  flagNames: Record<string, string>;
  caveatGaps: (n: number) => string;
  caveatSingle: (n: number) => string;
  /** tails-verdict (issue 15.3): matrix cells where native stalled (tail regression on an unwritten disk). */
  caveatStalls: (n: number) => string;
  caveatUsed: (
    used: number,
    total: number,
    flagged: number,
    empty: number,
    invalid: number,
  ) => string;
  platforms: string;
  platformsLead: string;
  ours: string;
  differs: string;
  notOnHost: string;
  openQuestions: string;
  known: string;
  dataSays: string;
  next: string;
  rules: string;
  rulesLead: string;
  rule: string;
  implementsCol: string;
  sources: string;
  sourcesLead: string;
  reasons: string;
  risks: string;
}

const en: ReportMessages = {
  title: 'Decision report: QEMU disk aio mode',
  question: 'Which aio mode, and should it be the default?',
  questionLead:
    'For each kind of disk in the loaded data: the recommended aio mode (native, io_uring or threads), how sure we are, why, what real platforms do, and what the measurements add. Every source is a primary or quoted item marked [V]/[V2] in the research.',
  print: 'Print / PDF',
  host: 'Host profile',
  hostAssumed: (q, l) =>
    `QEMU ${q} and libvirt ${l} are the distribution's usual versions (assumed).`,
  hostNote: 'Change the host profile on the dashboard; this report follows the link.',
  dataLabel: 'Data',
  data: (sets, records, comparisons) =>
    `${sets} — ${records} records, ${comparisons} comparisons along aio.`,
  preallocCol: 'Preallocation',
  preallocValue: (p) => (p === '' ? '?' : p),
  noData: 'No data loaded: the matrix is empty; the rules and platform models still apply.',
  permalink: 'Permalink',
  answer: 'The answer: the default policy to ship',
  answerLead:
    'One line per storage type and preallocation the platform offers, with the loaded cells that support or contradict it.',
  supports: (n) => `${n} supporting`,
  contradicts: (n) => `${n} contradicting`,
  neutral: (n) => `${n} no difference`,
  unusable: (n) => `${n} not usable`,
  thenIoUring: 'with io_uring available',
  matrix: 'Recommendation matrix',
  matrixLead:
    'Storage × medium × preallocation. Each cell: recommendation, confidence, and how many measured comparisons it rests on.',
  storage: 'Storage',
  medium: 'Medium',
  prealloc: (p) => (p === '' ? 'prealloc ?' : `prealloc ${p}`),
  noCell: '—',
  contested: 'sources disagree',
  gap: 'no usable data',
  confidence: { high: 'high', medium: 'medium', low: 'low' },
  comparisonsShort: (n) => `${n} cmp.`,
  evidence: 'Key evidence',
  evidenceLead:
    'IOPS change of each usable comparison (candidate vs baseline). Hatched: first write to a disk that was not pre-written. Flagged records are never drawn.',
  evidenceNone: 'No usable comparison in the loaded data.',
  notDrawn: (n) => `${n} comparison(s) not drawn (flagged, or a side without measurement)`,
  firstWrite: 'first write',
  singleRun: 'single run',
  caveats: 'Data quality caveats',
  caveatRecords: (r, g) => `${r} records loaded, ${g} measured inside VMs.`,
  caveatFlags: 'Flagged records (kept, never used for a decision):',
  flagNames: {
    'unit-suspect': 'unit suspect (Little’s law fails)',
    'sparse-read': 'sparse read (reads of unwritten holes)',
    'failed-run': 'failed run',
    incomplete: 'incomplete (no metric)',
  },
  caveatGaps: (n) =>
    `${n} matrix cell(s) have no usable comparison: their answer rests on the rules alone.`,
  caveatSingle: (n) =>
    `${n} matrix cell(s) rest on single runs only (no repeats, no significance test).`,
  caveatStalls: (n) =>
    `Measured stalls: in ${n} matrix cell(s) native kept or beat the mean while its p99.9 or maximum latency worsened on a disk not yet written (counted against native):`,
  caveatUsed: (u, t, f, e, i) =>
    `${u} of ${t} comparisons used; ${f} rest on flagged records, ${e} lack a measurement, ${i} are invalid configurations.`,
  platforms: 'What real platforms would do',
  platformsLead:
    'Each platform from its own rule, read in its code or documentation. Highlighted: differs from our recommendation.',
  ours: 'Ours',
  differs: 'differs',
  notOnHost: 'not runnable on this host',
  openQuestions: 'Open questions',
  known: 'What the sources say',
  dataSays: 'What the loaded data says',
  next: 'To settle it',
  rules: 'Rules applied',
  rulesLead:
    'The rules (as data) that decided at least one cell, in the order the engine applies them.',
  rule: 'Rule',
  implementsCol: 'Implements',
  sources: 'Sources',
  sourcesLead: '[V] read in the primary source; [V2] seen quoted in a named secondary source.',
  reasons: 'Why',
  risks: 'Risks',
};

const zh: ReportMessages = {
  title: '决策报告：QEMU 磁盘 aio 模式',
  question: '用哪种 aio 模式？是否应设为默认？',
  questionLead:
    '针对已加载数据中的每类磁盘：推荐的 aio 模式（native、io_uring 或 threads）、置信度、理由、主流平台的做法以及实测数据的补充。所有出处均为调研中标记 [V]/[V2] 的一手或转引资料。',
  print: '打印 / PDF',
  host: '主机配置',
  hostAssumed: (q, l) => `QEMU ${q} 与 libvirt ${l} 为该发行版的常见版本（假设）。`,
  hostNote: '在仪表盘中修改主机配置；本报告随链接变化。',
  dataLabel: '数据',
  data: (sets, records, comparisons) => `${sets}——${records} 条记录，${comparisons} 项 aio 对比。`,
  preallocCol: '预分配',
  preallocValue: (p) => (p === '' ? '?' : p === 'off' ? 'none' : p),
  noData: '未加载数据：矩阵为空；规则与平台模型仍然适用。',
  permalink: '永久链接',
  answer: '结论：应发布的默认策略',
  answerLead: '平台提供的每种存储类型与预分配方式各一条，并列出支持或反驳它的实测单元。',
  supports: (n) => `${n} 项支持`,
  contradicts: (n) => `${n} 项反驳`,
  neutral: (n) => `${n} 项无差别`,
  unusable: (n) => `${n} 项不可用`,
  thenIoUring: '可用 io_uring 时',
  matrix: '推荐矩阵',
  matrixLead: '存储类型 × 介质 × 预分配。每个单元：推荐、置信度，以及所依据的实测对比数。',
  storage: '存储类型',
  medium: '介质',
  prealloc: (p) => (p === '' ? '预分配 ?' : `预分配 ${p === 'off' ? 'none' : p}`),
  noCell: '—',
  contested: '各方说法不一',
  gap: '无可用数据',
  confidence: { high: '高', medium: '中', low: '低' },
  comparisonsShort: (n) => `${n} 项对比`,
  evidence: '关键证据',
  evidenceLead:
    '每项可用对比的 IOPS 变化（候选相对基线）。斜线：未预写磁盘的首次写入。被标记的记录从不绘出。',
  evidenceNone: '已加载数据中没有可用对比。',
  notDrawn: (n) => `${n} 项对比未绘出（被标记，或某一侧无测量值）`,
  firstWrite: '首次写入',
  singleRun: '单次测试',
  caveats: '数据质量说明',
  caveatRecords: (r, g) => `已加载 ${r} 条记录，其中 ${g} 条在虚拟机内测得。`,
  caveatFlags: '被标记的记录（保留，但从不用于决策）：',
  flagNames: {
    'unit-suspect': '单位可疑（不符合 Little 定律）',
    'sparse-read': '稀疏读（读的是未写入的空洞）',
    'failed-run': '测试失败',
    incomplete: '不完整（无指标）',
  },
  caveatGaps: (n) => `${n} 个矩阵单元没有可用对比：其结论仅依据规则。`,
  caveatSingle: (n) => `${n} 个矩阵单元仅有单次测试（无重复，无显著性检验）。`,
  caveatStalls: (n) =>
    `实测卡顿：在 ${n} 个矩阵单元中，native 在尚未写满的磁盘上平均值持平或更好，但 p99.9 或最大延迟恶化（计为不利于 native 的证据）：`,
  caveatUsed: (u, t, f, e, i) =>
    `${t} 项对比中采用 ${u} 项；${f} 项依赖被标记记录，${e} 项缺少测量值，${i} 项为无效配置。`,
  platforms: '主流平台会怎么做',
  platformsLead: '各平台按其自身规则（读自其代码或文档）。高亮：与我们的推荐不同。',
  ours: '我们',
  differs: '不同',
  notOnHost: '此主机无法运行',
  openQuestions: '待解决的问题',
  known: '资料怎么说',
  dataSays: '已加载数据怎么说',
  next: '如何解决',
  rules: '所用规则',
  rulesLead: '至少决定了一个单元的规则（以数据形式定义），按引擎应用顺序排列。',
  rule: '规则',
  implementsCol: '对应调研',
  sources: '出处',
  sourcesLead: '[V] 读自一手资料；[V2] 见于注明的二手资料转引。',
  reasons: '理由',
  risks: '风险',
};

export const REPORT_MESSAGES: Record<Lang, ReportMessages> = { en, zh };
