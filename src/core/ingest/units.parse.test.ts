import { describe, expect, it } from 'vitest';
import {
  parseBlockSize,
  parseCount,
  parseLatencyUs,
  parseSeconds,
  scalePow10,
} from './units.parse';

describe('units', () => {
  it('converts latency units exactly to µs', () => {
    expect(parseLatencyUs('426.29 usec')).toBe(426.29);
    expect(parseLatencyUs('304 msec')).toBe(304000);
    expect(parseLatencyUs('743.97 msec')).toBe(743970);
    expect(parseLatencyUs('850ns')).toBe(0.85);
    expect(parseLatencyUs('1.5 s')).toBe(1500000);
    expect(parseLatencyUs('12 µs')).toBe(12);
    expect(parseLatencyUs('12 μs')).toBe(12);
    expect(parseLatencyUs('2.5ms')).toBe(2500);
    expect(parseLatencyUs('7', 3)).toBe(7000);
    expect(parseLatencyUs('fast')).toBeNull();
    expect(parseLatencyUs('3 parsecs')).toBeNull();
  });
  it('reads counts with k/M suffixes and thousands separators', () => {
    expect(parseCount('62.0k')).toBe(62000);
    expect(parseCount('1.2M')).toBe(1200000);
    expect(parseCount('171,816')).toBe(171816);
    expect(parseCount('0.1')).toBe(0.1);
    expect(parseCount('')).toBeNull();
    expect(parseCount('12,34')).toBeNull();
    expect(parseCount('xxxx')).toBeNull();
  });
  it('scales by powers of ten without float noise', () => {
    expect(scalePow10(743.97, 3)).toBe(743970);
    expect(scalePow10(0.1 + 0.2, 1)).toBe(3.0000000000000004);
    expect(scalePow10(1e-7, -3)).toBe(1e-10);
    expect(scalePow10(123456, -3)).toBe(123.456);
  });
  it('reads block sizes and durations', () => {
    expect(parseBlockSize('4k')).toBe(4096);
    expect(parseBlockSize('4KiB')).toBe(4096);
    expect(parseBlockSize('1m')).toBe(1048576);
    expect(parseBlockSize('512')).toBe(512);
    expect(parseBlockSize('4x')).toBeNull();
    expect(parseSeconds('300')).toBe(300);
    expect(parseSeconds('5m')).toBe(300);
    expect(parseSeconds('300秒')).toBe(300);
  });
});
