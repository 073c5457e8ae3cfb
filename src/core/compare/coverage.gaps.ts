/**
 * The gaps of a coverage report: a growing list of gap codes, and per gap the fio command line and
 * libvirt driver line that would fill it (memoized: thousands of gaps share a few dozen lines).
 */
import type { Dimension, DimensionValue } from '../model/record.types';
import type { ComparisonSpec, CoverageGap } from './compare.types';
import { formatBlockSize } from './dimensions';

/** Gaps as codes (D per gap) and a side mask, in a growing Int32Array. */
export class GapList {
  length = 0;
  private data = new Int32Array(1024);
  constructor(private readonly D: number) {}

  push(codes: Int32Array, has: number): void {
    const at = this.length * (this.D + 1);
    if (at + this.D + 1 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2 + this.D + 1);
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set(codes, at);
    this.data[at + this.D] = has;
    this.length++;
  }

  /** Copies gap i's codes into `codes`; returns its side mask. */
  read(i: number, codes: Int32Array): number {
    const at = i * (this.D + 1);
    codes.set(this.data.subarray(at, at + this.D));
    return this.data[at + this.D]!;
  }
}

/** Fields fioCommand() reads, and those libvirtDriver() reads. */
const FIO_FIELDS = ['rw', 'bs', 'numjobs', 'iodepth', 'ioengine', 'prewritten', 'vms'];
const DRIVER_FIELDS = ['format', 'cache', 'aio', 'iothread'];

/**
 * fioCommand/libvirtDriver of the gaps, memoized on the codes of the fields they read (and the
 * side, whose axis value may be one of them): thousands of gaps share a few dozen command lines.
 */
export class CommandCache {
  private readonly fio = new Map<number, string>();
  private readonly driver = new Map<number, string>();
  private readonly fioPos: number[];
  private readonly driverPos: number[];
  constructor(
    private readonly spec: ComparisonSpec,
    private readonly dims: readonly Dimension[],
    private readonly dicts: readonly DimensionValue[][],
  ) {
    this.fioPos = FIO_FIELDS.map((f) => dims.indexOf(f as Dimension));
    this.driverPos = DRIVER_FIELDS.map((f) => dims.indexOf(f as Dimension));
    const space = (pos: number[]) =>
      pos.reduce((n, p) => (p >= 0 ? n * Math.max(1, dicts[p]!.length) : n), 2);
    // Keys must stay exact integers; beyond that (absurd dictionaries) nothing is memoized.
    this.memo = space(this.fioPos) <= 2 ** 52 && space(this.driverPos) <= 2 ** 52;
  }

  private readonly memo: boolean;

  /** Mixed-radix key of the codes at `pos` (absent fields count as one value) and the side. */
  private key(pos: readonly number[], codes: Int32Array, side: 0 | 1): number {
    let k = 0;
    for (const p of pos) if (p >= 0) k = k * this.dicts[p]!.length + codes[p]!;
    return k * 2 + side;
  }

  /** fioCommand of the gap's cell with the axis set to the side's value. */
  fioOf(
    cell: Record<string, DimensionValue>,
    codes: Int32Array,
    side: 0 | 1,
    value: DimensionValue,
  ): string {
    return this.lineOf(this.fio, this.fioPos, fioCommand, cell, codes, side, value);
  }

  /** libvirtDriver of the gap's cell with the axis set to the side's value. */
  driverOf(
    cell: Record<string, DimensionValue>,
    codes: Int32Array,
    side: 0 | 1,
    value: DimensionValue,
  ): string {
    return this.lineOf(this.driver, this.driverPos, libvirtDriver, cell, codes, side, value);
  }

  /** make() of the gap's cell with the axis set to `value`, memoized on the codes at `pos`. */
  private lineOf(
    memo: Map<number, string>,
    pos: readonly number[],
    make: (cell: Record<string, DimensionValue>) => string,
    cell: Record<string, DimensionValue>,
    codes: Int32Array,
    side: 0 | 1,
    value: DimensionValue,
  ): string {
    if (!this.memo) return make({ ...cell, [this.spec.axis]: value });
    const k = this.key(pos, codes, side);
    let line = memo.get(k);
    if (line === undefined) memo.set(k, (line = make({ ...cell, [this.spec.axis]: value })));
    return line;
  }
}

export function gapOf(
  dims: Dimension[],
  dicts: DimensionValue[][],
  codes: Int32Array,
  hasB: boolean,
  hasC: boolean,
  spec: ComparisonSpec,
  commands: CommandCache,
): CoverageGap {
  const cell: Record<string, DimensionValue> = {};
  for (let i = 0; i < dims.length; i++) cell[dims[i]!] = dicts[i]![codes[i]!]!;
  const sides: NonNullable<CoverageGap['sides']> = [];
  if (!hasB)
    sides.push({
      side: 'baseline',
      value: spec.baseline,
      fioCommand: commands.fioOf(cell, codes, 0, spec.baseline),
      libvirtDriver: commands.driverOf(cell, codes, 0, spec.baseline),
    });
  if (!hasC)
    sides.push({
      side: 'candidate',
      value: spec.candidate,
      fioCommand: commands.fioOf(cell, codes, 1, spec.candidate),
      libvirtDriver: commands.driverOf(cell, codes, 1, spec.candidate),
    });
  // The distinct lines of the sides, joined.
  const distinct = (a: string, b: string | undefined) =>
    b === undefined || b === a ? a : `${a}\n${b}`;
  return {
    cell,
    missing: sides.length === 2 ? 'both' : sides[0]!.side,
    fioCommand: distinct(sides[0]!.fioCommand, sides[1]?.fioCommand),
    libvirtDriver: distinct(sides[0]!.libvirtDriver, sides[1]?.libvirtDriver),
    sides,
  };
}

/**
 * The fio command that measures `cell`, in the seed's style:
 * `fio -name mytest -rw=randread -bs=4k -filename=$block -numjobs=1 -runtime=300 -iodepth=128
 *  -size=50G -direct=1 -ioengine=libaio -time_based -group_reporting`.
 * Missing fields take the seed's constants (rw → `$mode`); a pre-written disk gets a full
 * sequential write first; vms > 1 says to run it in every VM at once.
 */
export function fioCommand(cell: Record<string, DimensionValue>): string {
  const rw = cell.rw || '$mode';
  const bs = cell.bs ? formatBlockSize(Number(cell.bs)) : '4k';
  const cmd =
    `fio -name mytest -rw=${rw} -bs=${bs} -filename=$block -numjobs=${cell.numjobs || '1'} -runtime=300 ` +
    `-iodepth=${cell.iodepth || '128'} -size=50G -direct=1 -ioengine=${cell.ioengine || 'libaio'} -time_based -group_reporting`;
  const pre =
    cell.prewritten === 'true'
      ? 'fio -name prewrite -rw=write -bs=1m -filename=$block -numjobs=1 -iodepth=32 -size=50G -direct=1 -ioengine=libaio -group_reporting && '
      : '';
  const vms = Number(cell.vms || '1');
  return pre + cmd + (vms > 1 ? `   # in each of ${vms} VMs at once` : '');
}

/**
 * The libvirt disk driver line of `cell`: `<driver name='qemu' type='qcow2' cache='none' io='native'/>`
 * (type defaults to qcow2, cache to none, io to threads = QEMU's default; iothread='1' when set).
 */
export function libvirtDriver(cell: Record<string, DimensionValue>): string {
  const type = cell.format || 'qcow2';
  const cache = cell.cache || 'none';
  const io = cell.aio || 'threads';
  const iothread = cell.iothread === 'true' ? ` iothread='1'` : '';
  return `<driver name='qemu' type='${type}' cache='${cache}' io='${io}'${iothread}/>`;
}
