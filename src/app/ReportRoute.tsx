import type { Lang } from '../core/policy/policy.types';
import { StateView } from '../shared/ui/StateView';

/** Lazy chunk of the /report route. Mounts the policy report once src/features/report lands. */
export default function ReportRoute({ lang, host }: { lang: Lang; host: string | null }) {
  void host;
  return <StateView kind="empty" message={lang === 'zh' ? '策略报告即将推出。' : 'The policy report is coming.'} />;
}
