/**
 * The decision report's texts: a key table of its own (core/i18n), in the report's lazy chunk,
 * so that the page everyone loads first does not carry them (initial JavaScript budget).
 */
import { keyTables } from '../../core/i18n';
import type { KeyTable } from '../../core/i18n';

const en = {
  'report.title': 'Decision report: QEMU disk aio mode',
  'report.question': 'Which aio mode, and should it be the default?',
  'report.questionLead':
    'For each kind of disk in the loaded data: the recommended aio mode (native, io_uring or threads), how sure we are, why, what real platforms do, and what the measurements add. Every source is a primary or quoted item marked [V]/[V2] in the research.',
  'report.print': 'Print / PDF',
  'report.host': 'Host profile',
  'report.hostAssumed':
    "QEMU {qemu} and libvirt {libvirt} are the distribution's usual versions (assumed).",
  'report.hostNote': 'Change the host profile on the dashboard; this report follows the link.',
  'report.dataLabel': 'Data',
  'report.data': '{sets} — {records} records, {comparisons} comparisons along aio.',
  'report.preallocCol': 'Preallocation',
  'report.preallocName.off': 'off',
  'report.prealloc': 'prealloc {p}',
  'report.noData':
    'No data loaded: the matrix is empty; the rules and platform models still apply.',
  'report.permalink': 'Permalink',
  'report.answer': 'The answer: the default policy to ship',
  'report.answerLead':
    'One line per storage type and preallocation the platform offers, with the loaded cells that support or contradict it.',
  'report.supports': '{n} supporting',
  'report.contradicts': '{n} contradicting',
  'report.neutral': '{n} no difference',
  'report.unusable': '{n} not usable',
  'report.thenIoUring': 'with io_uring available',
  'report.matrix': 'Recommendation matrix',
  'report.matrixLead':
    'Storage × medium × preallocation. Each cell: recommendation, confidence, and how many measured comparisons it rests on.',
  'report.storage': 'Storage',
  'report.medium': 'Medium',
  'report.contested': 'sources disagree',
  'report.gap': 'no usable data',
  'report.confidence.high': 'high',
  'report.confidence.medium': 'medium',
  'report.confidence.low': 'low',
  'report.comparisonsShort': '{n} cmp.',
  'report.evidence': 'Key evidence',
  'report.evidenceLead':
    'IOPS change of each usable comparison (candidate vs baseline). Hatched: first write to a disk that was not pre-written. Flagged records are never drawn.',
  'report.evidenceNone': 'No usable comparison in the loaded data.',
  'report.notDrawn': '{n} comparison(s) not drawn (flagged, or a side without measurement)',
  'report.firstWrite': 'first write',
  'report.singleRun': 'single run',
  'report.caveats': 'Data quality caveats',
  'report.caveatRecords': '{records} records loaded, {guest} measured inside VMs.',
  'report.caveatFlags': 'Flagged records (kept, never used for a decision):',
  'report.flag.unit-suspect': 'unit suspect (Little’s law fails)',
  'report.flag.sparse-read': 'sparse read (reads of unwritten holes)',
  'report.flag.failed-run': 'failed run',
  'report.flag.incomplete': 'incomplete (no metric)',
  'report.caveatGaps':
    '{n} matrix cell(s) have no usable comparison: their answer rests on the rules alone.',
  'report.caveatSingle':
    '{n} matrix cell(s) rest on single runs only (no repeats, no significance test).',
  'report.caveatStalls':
    'Measured stalls: in {n} matrix cell(s) native kept or beat the mean while its p99.9 or maximum latency worsened on a disk not yet written (counted against native):',
  'report.caveatUsed':
    '{used} of {total} comparisons used; {flagged} rest on flagged records, {empty} lack a measurement, {invalid} are invalid configurations.',
  'report.platforms': 'What real platforms would do',
  'report.platformsLead':
    'Each platform from its own rule, read in its code or documentation. Highlighted: differs from our recommendation.',
  'report.ours': 'Ours',
  'report.differs': 'differs',
  'report.notOnHost': 'not runnable on this host',
  'report.openQuestions': 'Open questions',
  'report.known': 'What the sources say',
  'report.dataSays': 'What the loaded data says',
  'report.next': 'To settle it',
  'report.rules': 'Rules applied',
  'report.rulesLead':
    'The rules (as data) that decided at least one cell, in the order the engine applies them.',
  'report.rule': 'Rule',
  'report.implementsCol': 'Implements',
  'report.sources': 'Sources',
  'report.sourcesLead':
    '[V] read in the primary source; [V2] seen quoted in a named secondary source.',
  'report.reasons': 'Why',
  'report.risks': 'Risks',
  'report.bar.prewritten': 'pre-written',
  'report.bar.firstWrite': 'first write',
  'report.listSep': ', ',
  'report.listSepStrong': '; ',
  'report.none': 'none',
  'report.q.sb.title': 'Is native safe on SharedBlock (qcow2 on LVM) when the image is sparse?',
  'report.q.sb.known.ovirt':
    'oVirt/RHV has run qcow2 on LVM block domains with io=native and cache=none since 2011.',
  'report.q.sb.known.nova':
    "nova's RFC warns against native where storage is not fully pre-allocated (qcow2 that grows on demand, sparse LVM).",
  'report.q.sb.known.seed':
    'The seed team thought the filesystem-metadata risk does not apply without a host filesystem, but remained skeptical.',
  'report.q.sb.none':
    'The loaded data has no first-write comparison of native and threads on qcow2-on-LVM storage.',
  'report.q.sb.data':
    'First writes to disks that were not pre-written: native vs threads {firstWrites} ({slower} of {count} slower). Overwrites of pre-written disks: native faster in {wins} of {overwrites}.',
  'report.q.sb.next':
    'Run first-write (not pre-written) random writes on SharedBlock with native and threads, 3 or more repeats each, and record p99 latency: allocation stalls show in the tail, not in mean IOPS.',
  'report.q.meta.title': 'Does preallocation=metadata count as preallocated?',
  'report.q.meta.known.nova':
    'nova\'s spec lists "pre-allocated images in qcow2 format" as native-friendly without defining them.',
  'report.q.meta.known.kubevirt':
    'KubeVirt counts an image as preallocated only when its actual size reaches its virtual size, which metadata-only images do not.',
  'report.q.meta.known.zstack': 'ZStack classified metadata as sparse.',
  'report.q.meta.none': 'Not measured: the loaded data has no record with preallocation metadata.',
  'report.q.meta.data': '{n} record(s) with preallocation metadata are loaded; see the matrix.',
  'report.q.meta.next':
    'Treat metadata as sparse (the policy does). To revisit, measure LocalStorage with preallocation metadata: first writes and overwrites, native vs threads, with p99 latency.',
  'report.q.uring.title': 'When can io_uring be the default?',
  'report.q.uring.known.versions': 'io_uring needs kernel 5.1, QEMU 5.0 and libvirt 6.3 or later.',
  'report.q.uring.known.rhel9': 'RHEL 9 ships io_uring disabled although its 5.14 kernel has it.',
  'report.q.uring.known.proxmox':
    'Proxmox made io_uring its default in 2021, then had to switch it off for LVM, for krbd with a host cache and for CIFS.',
  'report.q.uring.noRuns': 'No io_uring run is loaded.',
  'report.q.uring.runs': '{n} io_uring run(s) are loaded.',
  'report.q.uring.data':
    '{runs} With io_uring available (kernel {kernel}, QEMU {qemu}, libvirt {libvirt}), {changing} of {total} policy line(s) would change: {lines}.',
  'report.q.uring.next':
    'On the target kernel, measure io_uring against native and threads for LocalStorage with preallocation off (the default) and for SharedBlock, including first writes.',
} as const;

export type ReportKey = keyof typeof en;

const zh: KeyTable<ReportKey> = {
  'report.title': '决策报告：QEMU 磁盘 aio 模式',
  'report.question': '用哪种 aio 模式？是否应设为默认？',
  'report.questionLead':
    '针对已加载数据中的每类磁盘：推荐的 aio 模式（native、io_uring 或 threads）、置信度、理由、主流平台的做法以及实测数据的补充。所有出处均为调研中标记 [V]/[V2] 的一手或转引资料。',
  'report.print': '打印 / PDF',
  'report.host': '主机配置',
  'report.hostAssumed': 'QEMU {qemu} 与 libvirt {libvirt} 为该发行版的常见版本（假设）。',
  'report.hostNote': '在仪表盘中修改主机配置；本报告随链接变化。',
  'report.dataLabel': '数据',
  'report.data': '{sets}——{records} 条记录，{comparisons} 项 aio 对比。',
  'report.preallocCol': '预分配',
  'report.preallocName.off': 'none',
  'report.prealloc': '预分配 {p}',
  'report.noData': '未加载数据：矩阵为空；规则与平台模型仍然适用。',
  'report.permalink': '永久链接',
  'report.answer': '结论：应发布的默认策略',
  'report.answerLead': '平台提供的每种存储类型与预分配方式各一条，并列出支持或反驳它的实测单元。',
  'report.supports': '{n} 项支持',
  'report.contradicts': '{n} 项反驳',
  'report.neutral': '{n} 项无差别',
  'report.unusable': '{n} 项不可用',
  'report.thenIoUring': '可用 io_uring 时',
  'report.matrix': '推荐矩阵',
  'report.matrixLead': '存储类型 × 介质 × 预分配。每个单元：推荐、置信度，以及所依据的实测对比数。',
  'report.storage': '存储类型',
  'report.medium': '介质',
  'report.contested': '各方说法不一',
  'report.gap': '无可用数据',
  'report.confidence.high': '高',
  'report.confidence.medium': '中',
  'report.confidence.low': '低',
  'report.comparisonsShort': '{n} 项对比',
  'report.evidence': '关键证据',
  'report.evidenceLead':
    '每项可用对比的 IOPS 变化（候选相对基线）。斜线：未预写磁盘的首次写入。被标记的记录从不绘出。',
  'report.evidenceNone': '已加载数据中没有可用对比。',
  'report.notDrawn': '{n} 项对比未绘出（被标记，或某一侧无测量值）',
  'report.firstWrite': '首次写入',
  'report.singleRun': '单次测试',
  'report.caveats': '数据质量说明',
  'report.caveatRecords': '已加载 {records} 条记录，其中 {guest} 条在虚拟机内测得。',
  'report.caveatFlags': '被标记的记录（保留，但从不用于决策）：',
  'report.flag.unit-suspect': '单位可疑（不符合 Little 定律）',
  'report.flag.sparse-read': '稀疏读（读的是未写入的空洞）',
  'report.flag.failed-run': '测试失败',
  'report.flag.incomplete': '不完整（无指标）',
  'report.caveatGaps': '{n} 个矩阵单元没有可用对比：其结论仅依据规则。',
  'report.caveatSingle': '{n} 个矩阵单元仅有单次测试（无重复，无显著性检验）。',
  'report.caveatStalls':
    '实测卡顿：在 {n} 个矩阵单元中，native 在尚未写满的磁盘上平均值持平或更好，但 p99.9 或最大延迟恶化（计为不利于 native 的证据）：',
  'report.caveatUsed':
    '{total} 项对比中采用 {used} 项；{flagged} 项依赖被标记记录，{empty} 项缺少测量值，{invalid} 项为无效配置。',
  'report.platforms': '主流平台会怎么做',
  'report.platformsLead': '各平台按其自身规则（读自其代码或文档）。高亮：与我们的推荐不同。',
  'report.ours': '我们',
  'report.differs': '不同',
  'report.notOnHost': '此主机无法运行',
  'report.openQuestions': '待解决的问题',
  'report.known': '资料怎么说',
  'report.dataSays': '已加载数据怎么说',
  'report.next': '如何解决',
  'report.rules': '所用规则',
  'report.rulesLead': '至少决定了一个单元的规则（以数据形式定义），按引擎应用顺序排列。',
  'report.rule': '规则',
  'report.implementsCol': '对应调研',
  'report.sources': '出处',
  'report.sourcesLead': '[V] 读自一手资料；[V2] 见于注明的二手资料转引。',
  'report.reasons': '理由',
  'report.risks': '风险',
  'report.bar.prewritten': '已预写',
  'report.bar.firstWrite': '未预写',
  'report.listSep': '、',
  'report.listSepStrong': '；',
  'report.none': '无',
  'report.q.sb.title': 'SharedBlock（LVM 上的 qcow2）镜像为稀疏时，native 是否安全？',
  'report.q.sb.known.ovirt':
    'oVirt/RHV 自 2011 年起在 LVM 块存储域上以 io=native、cache=none 运行 qcow2。',
  'report.q.sb.known.nova':
    'nova 的 RFC 反对在未完全预分配的存储上使用 native（按需增长的 qcow2、稀疏 LVM）。',
  'report.q.sb.known.seed': '种子团队认为没有宿主机文件系统时元数据风险不适用，但仍持怀疑态度。',
  'report.q.sb.none': '已加载数据中没有 qcow2-on-LVM 存储上 native 与 threads 的首次写入对比。',
  'report.q.sb.data':
    '未预写磁盘的首次写入：native 相比 threads {firstWrites}（{count} 项中 {slower} 项更慢）。已预写磁盘的覆盖写：{overwrites} 项中 {wins} 项 native 更快。',
  'report.q.sb.next':
    '在 SharedBlock 上分别以 native 和 threads 做首次写入（未预写）随机写，每种至少重复 3 次，并记录 p99 延迟：分配阻塞体现在尾延迟而非平均 IOPS。',
  'report.q.meta.title': 'preallocation=metadata 算不算预分配？',
  'report.q.meta.known.nova': 'nova 规范把"qcow2 格式的预分配镜像"列为适合 native，但未加定义。',
  'report.q.meta.known.kubevirt':
    'KubeVirt 仅在镜像实际大小达到虚拟大小时才视为预分配，仅预分配元数据的镜像达不到。',
  'report.q.meta.known.zstack': 'ZStack 将 metadata 归为稀疏。',
  'report.q.meta.none': '未测量：已加载数据中没有 preallocation=metadata 的记录。',
  'report.q.meta.data': '已加载 {n} 条 preallocation=metadata 的记录；见矩阵。',
  'report.q.meta.next':
    '按稀疏处理（当前策略即如此）。如需重新评估，测量 LocalStorage preallocation=metadata：首次写入与覆盖写，native 对比 threads，并记录 p99 延迟。',
  'report.q.uring.title': '何时可以默认使用 io_uring？',
  'report.q.uring.known.versions': 'io_uring 需要内核 ≥ 5.1、QEMU ≥ 5.0、libvirt ≥ 6.3。',
  'report.q.uring.known.rhel9': 'RHEL 9 的 5.14 内核虽支持 io_uring，但默认禁用。',
  'report.q.uring.known.proxmox':
    'Proxmox 于 2021 年默认启用 io_uring，随后不得不对 LVM、带宿主机缓存的 krbd 和 CIFS 关闭它。',
  'report.q.uring.noRuns': '未加载任何 io_uring 测试。',
  'report.q.uring.runs': '已加载 {n} 条 io_uring 测试。',
  'report.q.uring.data':
    '{runs}若可用 io_uring（内核 {kernel}、QEMU {qemu}、libvirt {libvirt}），{total} 条策略中有 {changing} 条会改变：{lines}。',
  'report.q.uring.next':
    '在目标内核上，针对 LocalStorage（默认 preallocation off）和 SharedBlock 测量 io_uring 与 native、threads 的对比，包括首次写入。',
};

export const REPORT_TEXTS = keyTables<ReportKey>(en, zh);
