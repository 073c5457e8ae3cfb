import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_HOST_ID,
  HOST_PRESETS,
  compareVersions,
  defaultHostProfile,
  describeHost,
  presetOfKernel,
  hostPreset,
  isVersion,
  parseHostProfile,
  serializeHostProfile,
  versionAtLeast,
} from './host-profile';
import { ioUringGaps } from './facts';
import type { HostProfile } from './policy.types';
import { PLATFORMS } from './policy.types';

describe('version comparison', () => {
  it('orders by numeric components, not as text', () => {
    expect(compareVersions('5.14', '5.1')).toBeGreaterThan(0);
    expect(compareVersions('5.1', '5.14')).toBeLessThan(0);
    expect(compareVersions('6.1', '5.15')).toBeGreaterThan(0);
    expect(compareVersions('10.0', '9.0')).toBeGreaterThan(0);
    expect(compareVersions('5.1', '5.1.0')).toBe(0);
    expect(compareVersions('5.14.0-284.el9', '5.14')).toBe(0);
    expect(compareVersions('3.10.0-1160.el7.x86_64', '5.1')).toBeLessThan(0);
  });

  it('versionAtLeast: the seed kernel table (3.10 and 4.18 no io_uring, 5.1.21 yes)', () => {
    expect(versionAtLeast('3.10', '5.1')).toBe(false);
    expect(versionAtLeast('4.18', '5.1')).toBe(false);
    expect(versionAtLeast('5.1.21', '5.1')).toBe(true);
    expect(versionAtLeast('', '5.1')).toBe(false);
    expect(versionAtLeast('unknown', '0')).toBe(false);
  });

  it('is antisymmetric (property)', () => {
    const v = fc.array(fc.nat(40), { minLength: 1, maxLength: 4 }).map((a) => a.join('.'));
    fc.assert(
      fc.property(
        v,
        v,
        (a, b) => Math.sign(compareVersions(a, b)) === -Math.sign(compareVersions(b, a)),
      ),
    );
  });
});

describe('presets', () => {
  it('have the five distributions with the issue’s kernels', () => {
    expect(HOST_PRESETS.map((p) => [p.label, p.profile.kernel])).toEqual([
      ['CentOS 7 / 3.10', '3.10'],
      ['RHEL 8 / 4.18', '4.18'],
      ['RHEL 9 / 5.14 (io_uring disabled)', '5.14'],
      ['Debian 12 / 6.1', '6.1'],
      ['Ubuntu 22.04 / 5.15', '5.15'],
    ]);
    for (const p of HOST_PRESETS) expect(p.assumed).toEqual(['qemu', 'libvirt']);
  });

  it('io_uring capability per preset: only Debian 12 and Ubuntu 22.04 have it', () => {
    const capable = HOST_PRESETS.filter((p) => ioUringGaps(p.profile).length === 0).map(
      (p) => p.id,
    );
    expect(capable).toEqual(['debian12', 'ubuntu2204']);
    expect(ioUringGaps(hostPreset('rhel9')!.profile)).toEqual(['disabled']);
    expect(ioUringGaps(hostPreset('centos7')!.profile)).toEqual(['kernel', 'qemu', 'libvirt']);
    expect(
      ioUringGaps({ ...defaultHostProfile(), kernel: '6.1', qemu: '4.2', libvirt: '6.0' }),
    ).toEqual(['qemu', 'libvirt']);
  });

  it('the default is the seed team’s CentOS 7 host', () => {
    expect(DEFAULT_HOST_ID).toBe('centos7');
    expect(defaultHostProfile()).toEqual(hostPreset('centos7')!.profile);
    expect(defaultHostProfile()).not.toBe(hostPreset('centos7')!.profile);
  });
});

describe('URL form', () => {
  it('a preset serializes to its id and back', () => {
    for (const p of HOST_PRESETS) {
      expect(serializeHostProfile(p.profile)).toBe(p.id);
      const back = parseHostProfile(p.id);
      expect(back).toEqual({ ok: true, value: p.profile });
    }
  });

  it('overrides on a preset: platform keeps the preset, a changed fact drops it', () => {
    const nova = parseHostProfile('rhel9,platform:nova');
    expect(nova.ok && nova.value).toMatchObject({
      kernel: '5.14',
      ioUringDisabled: true,
      preset: 'rhel9',
      platform: 'nova',
    });
    const on = parseHostProfile('rhel9,io_uring:on');
    expect(on.ok && on.value).toMatchObject({
      kernel: '5.14',
      ioUringDisabled: false,
      preset: null,
    });
    expect(on.ok && serializeHostProfile(on.value)).toBe(
      'kernel:5.14,qemu:8.2,libvirt:10.0,io_uring:on',
    );
  });

  it('custom facts without a preset start from the default profile', () => {
    const r = parseHostProfile('kernel:6.6,qemu:4.2');
    expect(r).toEqual({
      ok: true,
      value: {
        kernel: '6.6',
        qemu: '4.2',
        libvirt: '4.5',
        ioUringDisabled: false,
        preset: null,
        platform: 'generic',
      },
    });
  });

  it('empty or missing means the default profile', () => {
    expect(parseHostProfile(null)).toEqual({ ok: true, value: defaultHostProfile() });
    expect(parseHostProfile('')).toEqual({ ok: true, value: defaultHostProfile() });
  });

  it.each([
    ['unknown preset', 'fedora40'],
    ['preset not first', 'kernel:6.1,debian12'],
    ['bad version', 'kernel:6.1<script>'],
    ['version with spaces', 'kernel:6 1'],
    ['unknown key', 'gpu:yes'],
    ['duplicate key', 'kernel:6.1,kernel:6.6'],
    ['bad io_uring value', 'io_uring:maybe'],
    ['unknown platform', 'platform:vmware'],
    ['too long', 'kernel:' + '1.'.repeat(150)],
  ])('rejects %s', (_why, value) => {
    const r = parseHostProfile(value);
    expect(r.ok).toBe(false);
  });

  it('round-trips every valid profile (property)', () => {
    const ver = fc.tuple(fc.nat(20), fc.nat(30)).map(([a, b]) => `${a}.${b}`);
    const profile = fc.record({
      kernel: ver,
      qemu: ver,
      libvirt: ver,
      ioUringDisabled: fc.boolean(),
      preset: fc.constant(null),
      platform: fc.constantFrom('generic' as const, ...PLATFORMS),
    });
    fc.assert(
      fc.property(profile, (p: HostProfile) => {
        const r = parseHostProfile(serializeHostProfile(p));
        if (!r.ok) return false;
        const { preset: _a, ...facts } = r.value;
        const { preset: _b, ...orig } = p;
        return JSON.stringify(facts) === JSON.stringify(orig);
      }),
    );
  });

  it('isVersion accepts distribution kernels and rejects junk', () => {
    expect(isVersion('5.14.0-284.el9')).toBe(true);
    expect(isVersion('6.1.0-13-amd64')).toBe(true);
    expect(isVersion('7.2+dfsg-7')).toBe(true);
    expect(isVersion('latest')).toBe(false);
    expect(isVersion('')).toBe(false);
  });

  it('describes a profile for people', () => {
    expect(describeHost(hostPreset('debian12')!.profile)).toBe('Debian 12 / 6.1');
    expect(
      describeHost({
        ...defaultHostProfile(),
        preset: null,
        kernel: '6.6',
        qemu: '8.2',
        libvirt: '10.0',
        ioUringDisabled: true,
      }),
    ).toBe('kernel 6.6 · QEMU 8.2 · libvirt 10.0 · io_uring off');
  });
});

describe('kernel release strings', () => {
  it.each([
    ['5.14.0-284.el9', 'rhel9'],
    ['5.14.0-284.30.1.el9_2.x86_64', 'rhel9'],
    ['4.18.0-477.el8', 'rhel8'],
    ['4.18.0-553.el8_10.x86_64', 'rhel8'],
    ['3.10.0-1160.el7', 'centos7'],
    ['3.10.0-1160.119.1.el7.x86_64', 'centos7'],
    ['6.1.0-18-amd64', 'debian12'],
    ['6.1.0-18-cloud-amd64', 'debian12'],
    ['5.15.0-91-generic', 'ubuntu2204'],
  ])('%s is the kernel of %s', (kernel, id) => {
    expect(presetOfKernel(kernel)?.id).toBe(id);
  });

  it('RHEL 9 kernels come with io_uring disabled, the others with it available', () => {
    expect(presetOfKernel('5.14.0-284.el9')!.profile.ioUringDisabled).toBe(true);
    for (const k of ['4.18.0-477.el8', '6.1.0-18-amd64', '5.15.0-91-generic'])
      expect(presetOfKernel(k)!.profile.ioUringDisabled).toBe(false);
  });

  it.each([
    '5.14', // a bare version names no distribution
    '6.6.1-1.el9.elrepo.x86_64', // mainline kernel built for EL 9, not RHEL's
    '6.6.1-1.el9', // EL 9 naming, but not RHEL 9's 5.14
    '5.10.0-28-amd64', // Debian 11: no preset
    '5.4.0-150-generic', // Ubuntu 20.04: no preset
    '6.8.0-31-generic', // Ubuntu 24.04: no preset
    '',
  ])('%j names no preset', (kernel) => {
    expect(presetOfKernel(kernel)).toBeUndefined();
  });
});
