import { describe, expect, it } from 'vitest';
import { en } from './messages.en';
import { zh } from './messages.zh';
import { interpolate, loadMessages, makeTranslate } from './i18n';
import { makeFormatter } from '../format';
import { ENVIRONMENT_FIELDS, FLAGS } from '../../core/model/record.types';
import { VERDICTS } from '../../core/compare/compare.types';
import { VIEW_METRICS } from '../../core/url-state/url-state.types';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n completeness', () => {
  it('has every English key in Chinese and no extra key', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('has a non-empty translation with the same placeholders for every key', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(zh[key].trim(), key).not.toBe('');
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('translates the user-visible parts of the view (not just copies the English)', () => {
    const same = (Object.keys(en) as (keyof typeof en)[]).filter((k) => en[k] === zh[k]);
    // Only names, units and symbols may be identical in both languages.
    const neutral = [
      'app.title',
      'metric.iops',
      'dim.iothread',
      'value.missing',
      'pivot.empty',
      'charts.host.summary',
      'charts.exportPng',
      'charts.exportSvg',
      'charts.axis.iops',
      'panel.delta',
      'panel.repeats',
      'panel.libvirt',
      'tail.metric.lat_p999_us',
    ];
    expect(same.filter((k) => !neutral.includes(k))).toEqual([]);
    expect(zh['tabs.records']).toBe('记录');
  });

  it('labels every dimension, metric, verdict and flag in both languages', () => {
    const keys = [
      ...ENVIRONMENT_FIELDS.map((d) => `dim.${d}`),
      ...VIEW_METRICS.map((m) => `metric.${m}`),
      ...VERDICTS.flatMap((v) => [`verdict.${v}`, `verdict.long.${v}`]),
      ...FLAGS.flatMap((f) => [`flag.${f}`, `flag.explain.${f}`]),
    ];
    for (const k of keys) {
      expect(en, k).toHaveProperty([k]);
      expect(zh, k).toHaveProperty([k]);
    }
  });
});

describe('interpolation and number formats', () => {
  it('fills placeholders and leaves unknown ones visible', async () => {
    expect(interpolate('{a} of {b}', { a: 1 })).toBe('1 of {b}');
    // Chinese is loaded on demand; until then the English table answers.
    expect(makeTranslate('zh')('data.records', { n: 211 })).toBe('211 records');
    await loadMessages('zh');
    expect(makeTranslate('zh')('data.records', { n: 211 })).toBe('211 条记录');
  });

  it('formats the seed values per locale', () => {
    const enF = makeFormatter('en');
    const zhF = makeFormatter('zh');
    expect(enF.int(31336)).toBe('31,336');
    expect(zhF.int(31336)).toBe('31,336');
    expect(enF.pct(15.564)).toBe('+15.6%');
    expect(enF.pct(-13.46)).toBe('\u221213.5%');
    expect(enF.exact(4083.38, 'lat_mean_us')).toBe('4,083.38 µs');
    expect(enF.metric(743970, 'lat_mean_us')).toBe('744.0 ms');
    expect(enF.int(null)).toBe('—');
  });
});
