/**
 * The policy's own sentences (evidence, assumed facts, host version gaps, the default policy's
 * lines) in both languages, as one typed key table (core/i18n): `zh` must have every key of `en`,
 * placeholders are `{name}`. Rule texts are in rules.messages.ts, keyed by rule id.
 */
import { keyTables } from '../i18n/key-table';

const en = {
  'gap.kernel': 'kernel {version} < 5.1',
  'gap.qemu': 'QEMU {version} < 5.0',
  'gap.libvirt': 'libvirt {version} < 6.3',
  'gap.separator': ', ',
  'fill.preallocNotGiven': 'not given',

  'note.preallocUnknown': 'Preallocation not given: treated as sparse, the safe assumption.',
  'note.cacheAssumed':
    'Cache mode not given: assumed none, the default of nova, oVirt, Proxmox and KubeVirt when O_DIRECT works.',

  'evidence.measured':
    'Measured here, {candidate} vs {baseline}: {improvement} faster, {same} same, {regression} slower{inconclusive}{range}{single}.',
  'evidence.measured.inconclusive': ', {n} inconclusive',
  'evidence.measured.single': '; single runs, no repeats',
  'evidence.invalidNative':
    '{n} comparison(s) of native with cache={cache} left out: that configuration is invalid, so the "native" runs were really threads or could not start.',
  'evidence.flagged': '{n} comparison(s) rest on flagged records and were not used.',
  'evidence.winner':
    '{best} measured faster than {mode} here, and both are acceptable for this disk: {best} is recommended.',
  'evidence.mixed':
    'The evidence is mixed ({support} for {mode}, {against} against): confidence lowered.',
  'evidence.against':
    'The evidence goes against {mode} ({against} comparison(s)): confidence lowered.',
  'evidence.excluded.forbidden':
    '{mode} measured faster in {n} comparison(s), but it cannot be used on this host or disk (see above).',
  'evidence.excluded.sparseNative':
    'native measured faster in {n} comparison(s), but mean IOPS cannot show allocation stalls. To get that speed safely, preallocate the disk (full) and use native, or use io_uring on a kernel that has it.',
  'evidence.excluded.unacceptable':
    '{mode} measured faster in {n} comparison(s), but it is not acceptable for this disk (see risks).',
  'evidence.firstWrite':
    'Measured here: native was slower than threads on first writes to a disk that was not pre-written ({list}) — the allocation path.',
  'evidence.hddSame':
    'HDD: no difference between the modes in all {n} usable comparison(s) here. The choice does not matter for speed on this medium.', // tails-verdict (issue 15.3): measured stalls of native as evidence
  'evidence.tailStalls':
    'Measured here: native stalls on this not yet written disk ({list}): its mean held or improved while its tail worsened, the allocation path. One more reason not to use native here.',
  'evidence.tailStalls.switch':
    'Measured here: native stalls on this not yet written disk ({list}): its mean held or improved while its tail worsened, the allocation path. {mode} is recommended instead.',
  'evidence.tailStalls.risk':
    'Measured here: native stalls on this not yet written disk ({list}), and no other mode is acceptable: confidence lowered.',
  // The default policy's lines (default-policy.ts).
  'line.text': '{mode} for {storage} with {prealloc}{default}{until}',
  'line.default': ' (default)',
  'line.until': ' until the kernel has io_uring (then {later})',
  'line.prealloc.off': 'preallocation off',
  'line.prealloc.metadata': 'preallocation metadata',
  'line.prealloc.falloc': 'preallocation falloc',
  'line.prealloc.full': 'preallocation full',
  'line.prealloc.n/a': 'no preallocation',
  'line.unsafeFaster':
    '{modes} measured faster, but is not acceptable on this disk ({risk}); speed alone does not overturn the line.',
  'line.unsafeFaster.separator': ', ',
  'line.unsafeFaster.noRisk': 'see the risks',
};

export type PolicyMessageKey = keyof typeof en;

export const POLICY_TEXT = keyTables<PolicyMessageKey>(en, {
  'gap.kernel': '内核 {version} < 5.1',
  'gap.qemu': 'QEMU {version} < 5.0',
  'gap.libvirt': 'libvirt {version} < 6.3',
  'gap.separator': '，',
  'fill.preallocNotGiven': '未给出',

  'note.preallocUnknown': '未给出预分配方式：按稀疏处理（安全假设）。',
  'note.cacheAssumed':
    '未给出缓存模式：假设为 none（O_DIRECT 可用时 nova、oVirt、Proxmox、KubeVirt 的默认值）。',

  'evidence.measured':
    '本单元实测 {candidate} 对比 {baseline}：{improvement} 项更快，{same} 项持平，{regression} 项更慢{inconclusive}{range}{single}。',
  'evidence.measured.inconclusive': '，{n} 项无定论',
  'evidence.measured.single': '；均为单次测试，无重复',
  'evidence.invalidNative':
    '已排除 {n} 项 cache={cache} 下的 native 对比：该配置无效，所谓"native"实际运行的是 threads 或无法启动。',
  'evidence.flagged': '{n} 项对比依赖被标记的记录，未被采用。',
  'evidence.winner': '本单元实测 {best} 快于 {mode}，且两者对该磁盘均可接受：推荐 {best}。',
  'evidence.mixed': '证据不一致（{support} 项支持 {mode}，{against} 项相反）：降低置信度。',
  'evidence.against': '证据与 {mode} 相反（{against} 项对比）：降低置信度。',
  'evidence.excluded.forbidden':
    '{mode} 在 {n} 项对比中更快，但在此主机或磁盘上无法使用（见上文）。',
  'evidence.excluded.sparseNative':
    'native 在 {n} 项对比中更快，但平均 IOPS 反映不出分配阻塞。若要安全地获得该性能：将磁盘完全预分配（full）后使用 native，或在支持 io_uring 的内核上使用 io_uring。',
  'evidence.excluded.unacceptable': '{mode} 在 {n} 项对比中更快，但对该磁盘不可接受（见风险）。',
  'evidence.firstWrite':
    '本单元实测：在未预先写满的磁盘上首次写入时 native 慢于 threads（{list}）——即分配路径。',
  'evidence.hddSame':
    'HDD：本单元全部 {n} 项可用对比中各模式无差别。在该介质上模式选择不影响性能。', // tails-verdict (issue 15.3): measured stalls of native as evidence
  'evidence.tailStalls':
    '本单元实测：native 在这块尚未写满的磁盘上出现卡顿（{list}）：平均值持平或更好，尾延迟却恶化，即分配路径。这是此处不用 native 的又一理由。',
  'evidence.tailStalls.switch':
    '本单元实测：native 在这块尚未写满的磁盘上出现卡顿（{list}）：平均值持平或更好，尾延迟却恶化，即分配路径。改为推荐 {mode}。',
  'evidence.tailStalls.risk':
    '本单元实测：native 在这块尚未写满的磁盘上出现卡顿（{list}），且没有其他可接受的模式：降低置信度。',
  'line.text': '{storage}（{prealloc}{default}）使用 {mode}{until}',
  'line.default': '，默认',
  'line.until': '，直到内核支持 io_uring（届时改用 {later}）',
  'line.prealloc.off': '预分配 none',
  'line.prealloc.metadata': '预分配 metadata',
  'line.prealloc.falloc': '预分配 falloc',
  'line.prealloc.full': '预分配 full',
  'line.prealloc.n/a': '无预分配',
  'line.unsafeFaster': '{modes} 实测更快，但对该磁盘不可接受（{risk}）；仅凭速度不推翻该规则。',
  'line.unsafeFaster.separator': '、',
  'line.unsafeFaster.noRisk': '见风险',
});
