import { describe, expect, it } from 'vitest';
import { nonPublicReason } from './addresses.ts';

/** What a URL's host normalises to, as the delivery sees it (WHATWG URL parsing). */
const host = (url: string) => new URL(url).hostname.replace(/^\[|\]$/g, '');

describe('which addresses a webhook may not reach', () => {
  it('refuses loopback, private, link-local and their IPv4 spellings', () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://2130706433/',
      'http://0x7f000001/',
      'http://127.1/',
      'http://10.1.2.3/',
      'http://172.16.0.1/',
      'http://192.168.1.1/',
      'http://169.254.169.254/',
      'http://100.64.0.1/',
      'http://0.0.0.0/',
      'http://[::1]/',
      'http://[::]/',
      'http://[fd00::1]/',
      'http://[fe80::1]/',
    ])
      expect(nonPublicReason(host(url)), url).not.toBeNull();
  });

  it('refuses IPv4 addresses carried inside IPv6 ones', () => {
    for (const [url, why] of [
      ['http://[::ffff:127.0.0.1]/', 'loopback'], // IPv4-mapped
      ['http://[::ffff:a9fe:a9fe]/', 'link-local'],
      ['http://[::ffff:0:7f00:1]/', 'loopback'], // IPv4-translated (SIIT)
      ['http://[64:ff9b::a00:1]/', 'private'], // NAT64
      ['http://[64:ff9b:1::c0a8:101]/', 'NAT64'], // local-use NAT64 (RFC 8215): all local
      ['http://[2002:7f00:1::]/', 'loopback'], // 6to4
      ['http://[2002:a9fe:a9fe::1]/', 'link-local'],
    ] as const)
      expect(nonPublicReason(host(url)), url).toMatch(why);
  });

  it('refuses tunnels, discard and documentation ranges nobody serves webhooks from', () => {
    for (const url of [
      'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', // Teredo
      'http://[100::1]/', // discard-only
      'http://[2001:db8::1]/',
      'http://192.0.2.1/',
      'http://198.51.100.7/',
      'http://203.0.113.9/',
    ])
      expect(nonPublicReason(host(url)), url).not.toBeNull();
  });

  it('lets public addresses through', () => {
    for (const url of [
      'http://8.8.8.8/',
      'http://[2606:4700::1111]/',
      'http://[2002:808:808::1]/', // 6to4 of a public address
      'http://[64:ff9b::808:808]/',
      'http://[::ffff:8.8.8.8]/',
    ])
      expect(nonPublicReason(host(url)), url).toBeNull();
  });
});
