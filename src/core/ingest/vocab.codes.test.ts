/**
 * Field codes agree with the record model: every named code is its field's index in TABLE_FIELDS,
 * and setting a field by its code sets that field and no other (a shifted code would set the
 * neighbour column, or fail to parse its value).
 */
import { describe, expect, it } from 'vitest';
import { CANONICAL_COLUMNS } from '../model/record.types';
import type { ResultRecord } from '../model/record.types';
import { emptyRecord } from './record.build';
import { CODE, FIELD_CODE, setFieldByCode } from './vocab.set-field';
import { DEFAULT_UNIT, TABLE_FIELDS } from './vocab';
import type { TableField } from './vocab';

/** A value each field accepts, and what the record holds after it. */
const SAMPLE: Record<TableField, [string, unknown]> = {
  set: ['s1', 's1'],
  run: ['r1', 'r1'],
  storage: ['ceph', 'ceph'],
  source: ['block', 'block'],
  fs: ['xfs', 'xfs'],
  medium: ['NVMe', 'NVMe'],
  format: ['qcow2', 'qcow2'],
  prealloc: ['full', 'full'],
  cache: ['none', 'none'],
  aio: ['io_uring', 'io_uring'],
  bus: ['virtio-scsi', 'virtio-scsi'],
  iothread: ['true', true],
  prewritten: ['false', false],
  vms: ['3', 3],
  layer: ['host', 'host'],
  rw: ['randwrite', 'randwrite'],
  bs: ['4096', 4096],
  iodepth: ['32', 32],
  numjobs: ['4', 4],
  ioengine: ['libaio', 'libaio'],
  runtime_s: ['60', 60],
  iops: ['1234', 1234],
  iops_total: ['4936', 4936],
  lat_mean_us: ['250', 250],
  lat_p99_us: ['900', 900],
  bw_kib_s: ['4936', 4936],
  host_kernel: ['5.14.0-284.el9', '5.14.0-284.el9'],
  qemu: ['7.2.0', '7.2.0'],
  libvirt: ['9.0.0', '9.0.0'],
  flags: ['unit-suspect', ['unit-suspect']],
  origin: ['a.csv:2', 'a.csv:2'],
  lat_p999_us: ['1500', 1500],
  lat_max_us: ['3000', 3000],
  cpu_us_per_io: ['7', 7],
  restates: ['a.csv:1', 'a.csv:1'],
};

describe('field codes', () => {
  it('name every table field by its index in the record model', () => {
    expect(TABLE_FIELDS).toEqual([...CANONICAL_COLUMNS, 'restates']);
    expect(Object.keys(CODE)).toEqual([...TABLE_FIELDS]);
    TABLE_FIELDS.forEach((f, i) => {
      expect(CODE[f], f).toBe(i);
      expect(FIELD_CODE[f], f).toBe(i);
    });
  });
  it.each([...TABLE_FIELDS])('set %s by its code, and only it', (field) => {
    const rec = emptyRecord('s0', 't.csv:1');
    const before = JSON.parse(JSON.stringify(rec)) as Record<string, unknown>;
    const [cell, want] = SAMPLE[field];
    expect(setFieldByCode(rec, CODE[field], field, cell, DEFAULT_UNIT)).toBeNull();
    const after = JSON.parse(JSON.stringify(rec)) as Record<string, unknown>;
    expect(after[field]).toEqual(want);
    for (const k of Object.keys(after))
      if (k !== field) expect(after[k], `${field} changed ${k}`).toEqual(before[k]);
    expect((rec as ResultRecord & Record<string, unknown>)[field]).toEqual(want);
  });
});
