/**
 * Branded unit types. A number that means microseconds cannot be passed where IOPS are
 * expected without saying so; conversions live in one place (ingest/units.ts).
 */
declare const unitBrand: unique symbol;
export type Unit<T extends string> = number & { readonly [unitBrand]: T };

export type Microseconds = Unit<'µs'>;
export type Iops = Unit<'IOPS'>;
export type KibPerSecond = Unit<'KiB/s'>;
export type Seconds = Unit<'s'>;
export type Bytes = Unit<'B'>;
/** A percentage: 12.5 means +12.5 %. */
export type Percent = Unit<'%'>;

export const asMicroseconds = (n: number): Microseconds => n as Microseconds;
export const asIops = (n: number): Iops => n as Iops;
export const asKibPerSecond = (n: number): KibPerSecond => n as KibPerSecond;
export const asSeconds = (n: number): Seconds => n as Seconds;
export const asBytes = (n: number): Bytes => n as Bytes;
export const asPercent = (n: number): Percent => n as Percent;
